package dev.realtime.examples.tours.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.feed.RedisLink;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis inventory against a real redis-server: the same contract, plus what Redis adds. */
class RedisInventoryTest extends InventoryContract {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private final List<RedisLink> links = new ArrayList<>();

  @AfterEach
  void close() {
    links.forEach(RedisLink::close);
  }

  @Override
  Inventory inventory() throws Exception {
    RedisLink link = RedisLink.connect(redis.uri());
    links.add(link);
    RedisInventory inventory = new RedisInventory(CATALOG, link, Clock.systemUTC());
    now(inventory.initialize());
    return inventory;
  }

  @Test
  void seatsOutliveTheNodeThatChangedThem() throws Exception {
    now(inventory().book("a", 4));
    // another node (another link) starting later keeps what Redis holds
    assertThat(now(inventory().availability()).get(0).availableSeats()).isEqualTo(16);
  }

  @Test
  void aTourRedisLostComesBackAtCapacityWithAHigherVersion() throws Exception {
    Inventory inventory = inventory();
    BookingOutcome.Booked booked = (BookingOutcome.Booked) now(inventory.book("a", 4));
    redis.server().flushAll();
    BookingOutcome again = now(inventory.book("a", 1));
    assertThat(again).isInstanceOf(BookingOutcome.Booked.class);
    Availability after = ((BookingOutcome.Booked) again).availability();
    assertThat(after.availableSeats()).isEqualTo(19);
    // versions never go back, so nodes holding the old view take the new one
    assertThat(after.version()).isGreaterThan(booked.availability().version());
  }
}
