package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.examples.tours.inventory.Availability;
import dev.realtime.examples.tours.inventory.BookingOutcome;
import dev.realtime.examples.tours.inventory.MemoryInventory;
import dev.realtime.examples.tours.inventory.TourCatalog;
import dev.realtime.hub.Hub;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.TestConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /tours} without a socket: initial state, updates in version order, selections. */
class TourFeedTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-08T10:50:00Z"));
  private final InMemoryBroker broker = InMemoryBroker.builder().nodeId("a").build();
  private final MemoryInventory inventory = new MemoryInventory(TourCatalog.defaults(), clock);
  private final TourFeed feed = new TourFeed(Hub.builder().broker(broker).clock(clock), broker, inventory, clock);
  private final InMemoryTransport transport = new InMemoryTransport(feed.hub());

  TourFeedTest() throws Exception {
    feed.start(Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    broker.close();
  }

  private Availability book(String tour, int seats) throws Exception {
    BookingOutcome.Booked booked = (BookingOutcome.Booked) inventory.book(tour, seats).toCompletableFuture().get();
    return booked.availability();
  }

  @Test
  void aClientGetsWelcomeThenOneInitialStatePerTourInTheExercisesFormat() {
    TestConnection client = transport.connect("/tours");
    List<JsonObject> frames = client.receivedJson();
    assertThat(frames).extracting(frame -> frame.get("type").getAsString())
        .containsExactly("WELCOME", "INITIAL_STATE", "INITIAL_STATE", "INITIAL_STATE");
    assertThat(frames.get(0).get("timestamp").getAsString()).isEqualTo("2026-01-08T10:50:00.000Z");
    JsonObject paris = frames.get(1);
    assertThat(paris.get("tourId").getAsString()).isEqualTo("tour_paris");
    assertThat(paris.get("tourName").getAsString()).isEqualTo("Paris City Tour");
    assertThat(paris.get("availableSeats").getAsInt()).isEqualTo(20);
    assertThat(paris.get("timestamp").getAsString()).isEqualTo("2026-01-08T10:50:00.000Z");
    assertThat(frames.get(2).get("tourId").getAsString()).isEqualTo("tour_london");
    assertThat(frames.get(3).get("availableSeats").getAsInt()).isEqualTo(18);
  }

  @Test
  void aChangeReachesEveryClientAndAnOlderOneArrivingLateIsDropped() throws Exception {
    TestConnection ann = transport.connect("/tours");
    TestConnection bob = transport.connect("/tours");
    ann.clearReceived();
    bob.clearReceived();
    clock.advance(Duration.ofSeconds(1));
    Availability first = book("tour_rome", 2);
    Availability second = book("tour_rome", 3);

    // published in the wrong order: the later change first
    feed.changed(second);
    feed.changed(first);

    for (TestConnection client : List.of(ann, bob)) {
      List<JsonObject> updates = client.receivedOfType("AVAILABILITY_UPDATE");
      assertThat(updates).hasSize(1);
      assertThat(updates.get(0).get("availableSeats").getAsInt()).isEqualTo(13);
      assertThat(updates.get(0).get("version").getAsLong()).isEqualTo(second.version());
      assertThat(updates.get(0).get("timestamp").getAsString()).isEqualTo("2026-01-08T10:50:01.000Z");
    }
    assertThat(feed.view()).extracting(Availability::availableSeats).containsExactly(20, 15, 13);
    // a client arriving now starts from the latest count
    assertThat(transport.connect("/tours").receivedOfType("INITIAL_STATE").get(2).get("availableSeats").getAsInt())
        .isEqualTo(13);
  }

  @Test
  void subscribingNarrowsTheUpdatesAndEachAnswerSaysWhatIsInForce() throws Exception {
    TestConnection client = transport.connect("/tours");
    client.clearReceived();
    client.send("{\"type\":\"SUBSCRIBE\",\"tourId\":\"tour_paris\"}");
    JsonObject answer = client.lastJson().orElseThrow();
    assertThat(answer.get("type").getAsString()).isEqualTo("SUBSCRIBED");
    assertThat(answer.get("tourId").getAsString()).isEqualTo("tour_paris");
    assertThat(answer.getAsJsonObject("subscriptions").get("all").getAsBoolean()).isFalse();
    assertThat(answer.getAsJsonObject("subscriptions").getAsJsonArray("tours").toString()).isEqualTo("[\"tour_paris\"]");

    feed.changed(book("tour_london", 1));
    feed.changed(book("tour_paris", 1));
    assertThat(client.receivedOfType("AVAILABILITY_UPDATE")).extracting(u -> u.get("tourId").getAsString())
        .containsExactly("tour_paris");

    client.send("{\"type\":\"UNSUBSCRIBE\",\"tourId\":\"tour_paris\"}");
    assertThat(client.lastJson().orElseThrow().get("type").getAsString()).isEqualTo("UNSUBSCRIBED");
    client.clearReceived();
    feed.changed(book("tour_paris", 1));
    assertThat(client.receivedOfType("AVAILABILITY_UPDATE")).isEmpty();
  }

  @Test
  void aClientThatNeverSubscribedGetsEveryTourAndOneThatLeavesATourGetsTheRest() throws Exception {
    TestConnection everything = transport.connect("/tours");
    TestConnection allButRome = transport.connect("/tours");
    allButRome.send("{\"type\":\"UNSUBSCRIBE\",\"tourId\":\"tour_rome\"}");
    assertThat(allButRome.lastJson().orElseThrow().getAsJsonObject("subscriptions").toString())
        .isEqualTo("{\"all\":true,\"except\":[\"tour_rome\"]}");
    everything.clearReceived();
    allButRome.clearReceived();
    for (String tour : List.of("tour_paris", "tour_london", "tour_rome")) {
      feed.changed(book(tour, 1));
    }
    assertThat(everything.receivedOfType("AVAILABILITY_UPDATE")).hasSize(3);
    assertThat(allButRome.receivedOfType("AVAILABILITY_UPDATE")).extracting(u -> u.get("tourId").getAsString())
        .containsExactly("tour_paris", "tour_london");
  }

  @Test
  void unknownToursAndBadRequestsAreErrorsAndPingIsAnswered() {
    TestConnection client = transport.connect("/tours");
    client.send("{\"type\":\"SUBSCRIBE\",\"tourId\":\"tour_mars\",\"id\":7}");
    JsonObject error = client.lastJson().orElseThrow();
    assertThat(error.get("type").getAsString()).isEqualTo("error");
    assertThat(error.get("code").getAsString()).isEqualTo(TourFeed.UNKNOWN_TOUR);
    assertThat(error.get("id").getAsInt()).isEqualTo(7);
    client.send("{\"type\":\"SUBSCRIBE\",\"tourId\":3}");
    assertThat(client.lastJson().orElseThrow().get("code").getAsString()).isEqualTo("invalid_message");
    client.send("{\"type\":\"PING\"}");
    assertThat(client.lastJson().orElseThrow().get("type").getAsString()).isEqualTo("PONG");
    client.send("{\"type\":\"ping\"}");
    assertThat(client.lastJson().orElseThrow().get("type").getAsString()).isEqualTo("pong");
    assertThat(client.closeCode()).isEmpty();
  }
}
