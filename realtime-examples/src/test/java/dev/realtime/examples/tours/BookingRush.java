package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.feed.JsonSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Many one-seat bookings of one tour at once, spread over nodes, and what the clients then see. */
final class BookingRush {
  private BookingRush() {}

  /** Sends {@code requests} bookings of one seat of {@code tour} at once, round-robin over {@code ports}; counts the statuses. */
  static Map<Integer, Integer> rush(List<Integer> ports, String tour, int requests) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      URI uri = URI.create("http://127.0.0.1:" + ports.get(i % ports.size()) + "/api/tours/" + tour + "/bookings");
      sent.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"seats\":1}")).build(), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    Map<Integer, Integer> statuses = new HashMap<>();
    sent.forEach(response -> statuses.merge(response.join().statusCode(), 1, Integer::sum));
    return statuses;
  }

  /** A client of {@code /tours} that has seen {@code tour} start with {@code seats}. */
  static JsonSocket watcher(JsonSocket client, String tour, int seats) throws Exception {
    client.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals(tour)
        && s.get("availableSeats").getAsInt() == seats);
    return client;
  }

  /** Asserts {@code watcher} sees {@code tour} fall from {@code seats} to 0, never going back up. */
  static void assertCountsDownToZero(JsonSocket watcher, String tour, int seats) throws Exception {
    int last = seats;
    while (last > 0) {
      JsonObject update = watcher.next("AVAILABILITY_UPDATE", u -> u.get("tourId").getAsString().equals(tour));
      assertThat(update.get("availableSeats").getAsInt()).isLessThan(last);
      last = update.get("availableSeats").getAsInt();
    }
  }
}
