package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One node with its seats in memory: a thousand concurrent bookings of a 20-seat tour. */
class BookingsUnderLoadTest {
  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("tours"), new ToursExample());

  @Test
  void aThousandConcurrentBookingsSellExactlyTheTwentySeats() throws Exception {
    try (JsonSocket ann = JsonSocket.open(server.webSocketPort(), "/tours");
        JsonSocket bob = JsonSocket.open(server.webSocketPort(), "/tours")) {
      BookingRush.watcher(ann, "tour_paris", 20);
      BookingRush.watcher(bob, "tour_paris", 20);
      assertThat(BookingRush.rush(List.of(server.port()), "tour_paris", 1_000))
          .containsExactlyInAnyOrderEntriesOf(Map.of(201, 20, 409, 980));
      BookingRush.assertCountsDownToZero(ann, "tour_paris", 20);
      BookingRush.assertCountsDownToZero(bob, "tour_paris", 20);
      String paris = JsonSocket.http(server.port(), "GET", "/api/tours/tour_paris", null).body();
      assertThat(Json.parseObject(paris).get("availableSeats").getAsInt()).isZero();
    }
  }
}
