package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.examples.tours.inventory.Availability;
import dev.realtime.examples.tours.inventory.MemoryInventory;
import dev.realtime.examples.tours.inventory.Tour;
import dev.realtime.examples.tours.inventory.TourCatalog;
import dev.realtime.hub.Hub;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.TestConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --simulate} without a socket: 1–3 seats a tick, clients told, a reset once all are sold. */
class TourSimulatorTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-08T10:50:00Z"));
  private final InMemoryBroker broker = InMemoryBroker.builder().nodeId("a").build();
  private final MemoryInventory inventory = new MemoryInventory(
      new TourCatalog(List.of(new Tour("small", "Small", 4), new Tour("tiny", "Tiny", 2))), clock);
  private final TourFeed feed = new TourFeed(Hub.builder().broker(broker).clock(clock), broker, inventory, clock);
  private final TourSimulator simulator = new TourSimulator(inventory, feed, new SplittableRandom(7));

  TourSimulatorTest() throws Exception {
    feed.start(Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    broker.close();
  }

  private int seatsLeft() throws Exception {
    return inventory.availability().toCompletableFuture().get().stream().mapToInt(Availability::availableSeats).sum();
  }

  @Test
  void eachTickSellsOneToThreeSeatsUntilAllAreGoneThenEveryTourIsReset() throws Exception {
    TestConnection client = new InMemoryTransport(feed.hub()).connect("/tours");
    int left = seatsLeft();
    assertThat(left).isEqualTo(6);
    boolean reset = false;
    for (int tick = 0; tick < 20 && !reset; tick++) {
      simulator.tick();
      int now = seatsLeft();
      if (now == 6) {
        reset = true; // sold out on this tick, then reset to capacity
      } else {
        assertThat(left - now).isBetween(0, 3);
        left = now;
      }
    }
    assertThat(reset).as("a reset once every tour was sold out").isTrue();
    List<JsonObject> frames = client.receivedJson();
    assertThat(frames).extracting(frame -> frame.get("type").getAsString())
        .startsWith("WELCOME", "INITIAL_STATE", "INITIAL_STATE");
    List<JsonObject> updates = frames.subList(3, frames.size());
    assertThat(updates).isNotEmpty().allMatch(frame -> frame.get("type").getAsString().equals("AVAILABILITY_UPDATE"));
    assertThat(updates).allMatch(frame -> frame.get("availableSeats").getAsInt() >= 0);
    // the last updates are the reset: both tours back at capacity
    assertThat(updates.subList(updates.size() - 2, updates.size()))
        .extracting(frame -> frame.get("availableSeats").getAsInt()).containsExactlyInAnyOrder(4, 2);
  }
}
