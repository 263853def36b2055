package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tours --auth}: both sockets and the bookings want a token. */
class ToursAuthServerTest {
  @RegisterExtension
  static final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("tours", "auth"), new ToursExample());

  private static String token() throws Exception {
    return Json.parseObject(JsonSocket.http(server.port(), "GET", "/token?username=ann", null).body())
        .get("token").getAsString();
  }

  @Test
  void withoutATokenSocketsAreClosedWith4001AndBookingsAre401() throws Exception {
    for (String path : new String[] {"/random", "/tours"}) {
      try (JsonSocket anonymous = JsonSocket.open(server.webSocketPort(), path)) {
        assertThat(anonymous.next("error").get("code").getAsString()).isEqualTo("missing_token");
        assertThat(anonymous.client.awaitClose()).isEqualTo(4001);
      }
    }
    assertThat(JsonSocket.http(server.port(), "POST", "/api/tours/tour_paris/bookings", "{\"seats\":1}").statusCode())
        .isEqualTo(401);
    JsonObject config = Json.parseObject(JsonSocket.http(server.port(), "GET", "/tours-config.json", null).body());
    assertThat(config.get("auth").getAsBoolean()).isTrue();
  }

  @Test
  void withATokenBothSocketsAndBookingsWork() throws Exception {
    String token = token();
    try (JsonSocket tours = JsonSocket.open(server.webSocketPort(), "/tours?token=" + token);
        JsonSocket random = JsonSocket.open(server.webSocketPort(), "/random?token=" + token)) {
      tours.next("INITIAL_STATE");
      random.next("WELCOME");
      assertThat(JsonSocket.http(server.port(), "POST", "/api/tours/tour_paris/bookings", "{\"seats\":1}",
          "Authorization", "Bearer " + token).statusCode()).isEqualTo(201);
      assertThat(JsonSocket.http(server.port(), "POST", "/api/tours/tour_paris/bookings", "{\"seats\":1}",
          "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
      assertThat(tours.next("AVAILABILITY_UPDATE").get("availableSeats").getAsInt()).isEqualTo(19);
    }
  }
}
