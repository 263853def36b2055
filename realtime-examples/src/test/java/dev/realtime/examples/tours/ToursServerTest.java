package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tours example on one node over real sockets: both WebSockets and the bookings API. */
class ToursServerTest {
  @RegisterExtension
  static final ServerExtension<ExampleServer> server = ExampleServers.extension(LaunchOptions.ephemeral("tours"),
      new ToursExample(ToursSettings.defaults().withRandomInterval(Duration.ofMillis(300))));

  private static int port() {
    return server.port();
  }

  private static HttpResponse<String> book(String tour, String body) throws Exception {
    return JsonSocket.http(port(), "POST", "/api/tours/" + tour + "/bookings", body);
  }

  @Test
  void randomSendsWelcomeThenANumberPerTickOnTheTick() throws Exception {
    try (JsonSocket client = JsonSocket.open(port(), "/random")) {
      assertThat(client.next("WELCOME").get("message").getAsString()).contains("random");
      JsonObject first = client.next("RANDOM_NUMBER");
      JsonObject second = client.next("RANDOM_NUMBER");
      for (JsonObject number : new JsonObject[] {first, second}) {
        assertThat(number.get("value").getAsInt()).isBetween(1, 100);
        assertThat(Instant.parse(number.get("timestamp").getAsString()).toEpochMilli() % 300).isZero();
      }
      assertThat(Instant.parse(second.get("timestamp").getAsString()))
          .isAfter(Instant.parse(first.get("timestamp").getAsString()));
    }
  }

  @Test
  void aBookingTakesSeatsAndEveryClientHearsItThenACancellationGivesThemBack() throws Exception {
    try (JsonSocket ann = JsonSocket.open(port(), "/tours"); JsonSocket bob = JsonSocket.open(port(), "/tours")) {
      int before = ann.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals("tour_london"))
          .get("availableSeats").getAsInt();
      bob.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals("tour_rome"));

      HttpResponse<String> created = book("tour_london", "{\"seats\":2}");
      assertThat(created.statusCode()).isEqualTo(201);
      JsonObject booking = Json.parseObject(created.body());
      assertThat(booking.get("tourId").getAsString()).isEqualTo("tour_london");
      assertThat(booking.get("seats").getAsInt()).isEqualTo(2);
      assertThat(booking.get("availableSeats").getAsInt()).isEqualTo(before - 2);
      assertThat(created.headers().firstValue("location")).hasValue("/api/tours/tour_london/bookings/" + booking.get("id").getAsString());
      for (JsonSocket client : new JsonSocket[] {ann, bob}) {
        JsonObject update = client.next("AVAILABILITY_UPDATE");
        assertThat(update.get("tourId").getAsString()).isEqualTo("tour_london");
        assertThat(update.get("tourName").getAsString()).isEqualTo("London Eye Experience");
        assertThat(update.get("availableSeats").getAsInt()).isEqualTo(before - 2);
      }

      HttpResponse<String> cancelled = JsonSocket.http(port(), "DELETE",
          "/api/tours/tour_london/bookings/" + booking.get("id").getAsString(), null);
      assertThat(cancelled.statusCode()).isEqualTo(200);
      assertThat(ann.next("AVAILABILITY_UPDATE").get("availableSeats").getAsInt()).isEqualTo(before);
      assertThat(JsonSocket.http(port(), "DELETE", "/api/tours/tour_london/bookings/" + booking.get("id").getAsString(), null)
          .statusCode()).isEqualTo(404);
    }
  }

  @Test
  void badRequestsGetTheirStatus() throws Exception {
    assertThat(book("tour_mars", "{\"seats\":1}").statusCode()).isEqualTo(404);
    for (String body : new String[] {"", "[]", "{\"seats\":0}", "{\"seats\":-1}", "{\"seats\":1.5}", "{\"seats\":\"2\"}",
        "{\"seats\":101}", "{}"}) {
      HttpResponse<String> refused = book("tour_paris", body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(Json.parseObject(refused.body()).get("message").getAsString()).isNotBlank();
    }
    assertThat(book("tour_paris", "{\"seats\":21}").statusCode()).isEqualTo(409);
    assertThat(JsonSocket.http(port(), "GET", "/api/tours/tour_paris/bookings", null).statusCode()).isEqualTo(405);
    assertThat(JsonSocket.http(port(), "PUT", "/api/tours", "{}").statusCode()).isEqualTo(405);
    assertThat(JsonSocket.http(port(), "GET", "/api/tours/tour_paris/tickets", null).statusCode()).isEqualTo(404);
    HttpResponse<String> list = JsonSocket.http(port(), "GET", "/api/tours", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(list.body()).getAsJsonArray("tours")).hasSize(3);
    JsonObject rome = Json.parseObject(JsonSocket.http(port(), "GET", "/api/tours/tour_rome", null).body());
    assertThat(rome.get("capacity").getAsInt()).isEqualTo(18);
    assertThat(rome.get("tourName").getAsString()).isEqualTo("Rome Colosseum Tour");
  }

  @Test
  void aClientSubscribedToOneTourHearsOnlyThatOne() throws Exception {
    try (JsonSocket client = JsonSocket.open(port(), "/tours")) {
      client.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals("tour_rome"));
      client.send("{\"type\":\"SUBSCRIBE\",\"tourId\":\"tour_rome\"}");
      client.next("SUBSCRIBED");
      assertThat(book("tour_paris", "{\"seats\":1}").statusCode()).isEqualTo(201);
      assertThat(book("tour_rome", "{\"seats\":1}").statusCode()).isEqualTo(201);
      assertThat(client.next("AVAILABILITY_UPDATE").get("tourId").getAsString()).isEqualTo("tour_rome");
      client.send("{\"type\":\"PING\"}");
      assertThat(client.next("PONG").has("timestamp")).isTrue();
    }
  }
}
