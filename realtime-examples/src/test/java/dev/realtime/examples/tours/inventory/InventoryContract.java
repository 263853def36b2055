package dev.realtime.examples.tours.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every inventory must do, in memory or in Redis. */
abstract class InventoryContract {
  static final TourCatalog CATALOG = TourCatalog.parse(
      "{\"tours\":[{\"id\":\"a\",\"name\":\"Tour A\",\"capacity\":20},{\"id\":\"b\",\"name\":\"Tour B\",\"capacity\":3}]}");

  /** A fresh inventory of {@link #CATALOG}. */
  abstract Inventory inventory() throws Exception;

  static <T> T now(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void startsAtCapacityAndBooksWhatIsLeft() throws Exception {
    Inventory inventory = inventory();
    List<Availability> start = now(inventory.availability());
    assertThat(start).extracting(Availability::tourId).containsExactly("a", "b");
    assertThat(start).extracting(Availability::availableSeats).containsExactly(20, 3);

    BookingOutcome booked = now(inventory.book("b", 2));
    assertThat(booked).isInstanceOf(BookingOutcome.Booked.class);
    BookingOutcome.Booked done = (BookingOutcome.Booked) booked;
    assertThat(done.booking().seats()).isEqualTo(2);
    assertThat(done.booking().tourId()).isEqualTo("b");
    assertThat(done.availability().availableSeats()).isEqualTo(1);
    assertThat(done.availability().version()).isGreaterThan(start.get(1).version());

    BookingOutcome refused = now(inventory.book("b", 2));
    assertThat(refused).isInstanceOf(BookingOutcome.NotEnoughSeats.class);
    assertThat(((BookingOutcome.NotEnoughSeats) refused).availability().availableSeats()).isEqualTo(1);
    assertThat(now(inventory.book("nowhere", 1))).isInstanceOf(BookingOutcome.UnknownTour.class);
    // a refusal changes nothing
    assertThat(now(inventory.availability()).get(1).version()).isEqualTo(done.availability().version());
  }

  @Test
  void aCancellationGivesTheSeatsBackOnce() throws Exception {
    Inventory inventory = inventory();
    BookingOutcome.Booked booked = (BookingOutcome.Booked) now(inventory.book("a", 5));
    CancelOutcome cancelled = now(inventory.cancel("a", booked.booking().id()));
    assertThat(cancelled).isInstanceOf(CancelOutcome.Cancelled.class);
    CancelOutcome.Cancelled back = (CancelOutcome.Cancelled) cancelled;
    assertThat(back.availability().availableSeats()).isEqualTo(20);
    assertThat(back.booking().seats()).isEqualTo(5);
    assertThat(back.availability().version()).isGreaterThan(booked.availability().version());
    assertThat(now(inventory.cancel("a", booked.booking().id()))).isInstanceOf(CancelOutcome.NotFound.class);
    assertThat(now(inventory.cancel("b", "no-such-booking"))).isInstanceOf(CancelOutcome.NotFound.class);
    assertThat(now(inventory.cancel("nowhere", "x"))).isInstanceOf(CancelOutcome.NotFound.class);
  }

  @Test
  void theSimulationStopsAtZeroAndAResetRestoresCapacityAndForgetsBookings() throws Exception {
    Inventory inventory = inventory();
    BookingOutcome.Booked booked = (BookingOutcome.Booked) now(inventory.book("b", 1));
    Optional<Availability> taken = now(inventory.takeSeats("b", 5));
    assertThat(taken).map(Availability::availableSeats).hasValue(0);
    assertThat(now(inventory.takeSeats("b", 1))).isEmpty();
    List<Availability> reset = now(inventory.reset());
    assertThat(reset).extracting(Availability::availableSeats).containsExactly(20, 3);
    assertThat(reset.get(1).version()).isGreaterThan(taken.get().version());
    // the booking went with the reset: cancelling it cannot push seats past capacity
    assertThat(now(inventory.cancel("b", booked.booking().id()))).isInstanceOf(CancelOutcome.NotFound.class);
  }

  @Test
  void concurrentBookingsNeverOversellAndEveryChangeHasItsOwnVersion() throws Exception {
    Inventory inventory = inventory();
    int requests = 200;
    ExecutorService threads = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<BookingOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      Callable<BookingOutcome> book = () -> {
        go.await();
        return now(inventory.book("a", 1));
      };
      outcomes.add(threads.submit(book));
    }
    go.countDown();
    int booked = 0;
    int refused = 0;
    Set<Long> versions = ConcurrentHashMap.newKeySet();
    Set<Integer> seatsLeft = ConcurrentHashMap.newKeySet();
    for (Future<BookingOutcome> outcome : outcomes) {
      BookingOutcome result = outcome.get(30, TimeUnit.SECONDS);
      if (result instanceof BookingOutcome.Booked done) {
        booked++;
        versions.add(done.availability().version());
        seatsLeft.add(done.availability().availableSeats());
      } else {
        assertThat(result).isInstanceOf(BookingOutcome.NotEnoughSeats.class);
        assertThat(((BookingOutcome.NotEnoughSeats) result).availability().availableSeats()).isZero();
        refused++;
      }
    }
    threads.shutdownNow();
    assertThat(booked).isEqualTo(20);
    assertThat(refused).isEqualTo(requests - 20);
    // each successful booking saw a distinct count (19 … 0) and a distinct version
    assertThat(seatsLeft).hasSize(20).allMatch(seats -> seats >= 0 && seats < 20);
    assertThat(versions).hasSize(20);
    Availability end = now(inventory.availability()).get(0);
    assertThat(end.availableSeats()).isZero();
    assertThat(end.version()).isEqualTo(versions.stream().mapToLong(Long::longValue).max().orElseThrow());
    assertThat(end.changedAt()).isAfterOrEqualTo(Instant.EPOCH);
  }
}
