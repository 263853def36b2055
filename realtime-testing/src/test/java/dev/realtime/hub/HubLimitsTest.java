package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Inbound rate limits and room limits, with a manual clock. */
class HubLimitsTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger handled = new AtomicInteger();

  private Hub hub(RateLimit limit) {
    return Hub.builder()
        .settings(HubSettings.DEFAULTS.withRateLimit(limit).withMaxRoomsPerClient(3))
        .ticker(now::get)
        .on("work", ctx -> handled.incrementAndGet())
        .on("join", ctx -> ctx.client().join(ctx.message().get("room").getAsString()))
        .build();
  }

  private void advanceMillis(long millis) {
    now.addAndGet(millis * 1_000_000);
  }

  @Test
  void aBurstIsAcceptedThenExcessIsRefusedThenTheBucketRefills() {
    TestConnection connection = new InMemoryTransport(hub(new RateLimit(10, 5))).connect("/ws");
    for (int i = 0; i < 8; i++) {
      connection.send("{\"type\":\"work\"}");
    }
    assertThat(handled).hasValue(5);
    assertThat(connection.receivedOfType("error"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.get("code").getAsString()).isEqualTo("rate_limited"));
    assertThat(connection.isOpen()).isTrue();

    advanceMillis(500); // 10/s for half a second: five more tokens
    for (int i = 0; i < 5; i++) {
      connection.send("{\"type\":\"work\"}");
    }
    assertThat(handled).hasValue(10);
  }

  @Test
  void aClientSilentSinceItConnectedStillGetsOneBurstOnly() {
    TestConnection connection = new InMemoryTransport(hub(new RateLimit(10, 5))).connect("/ws");
    advanceMillis(3_600_000); // an hour idle: the bucket holds a burst, never more
    for (int i = 0; i < 7; i++) {
      connection.send("{\"type\":\"work\"}");
    }
    assertThat(handled).hasValue(5);
    assertThat(connection.receivedOfType("error")).hasSize(2);
    advanceMillis(100); // one more token at 10/s
    connection.send("{\"type\":\"work\"}");
    connection.send("{\"type\":\"work\"}");
    assertThat(handled).hasValue(6);
  }

  @Test
  void sustainedAbuseIsClosedWith1008() {
    Hub hub = hub(new RateLimit(10, 5));
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    int sent = 0;
    while (connection.isOpen() && sent < 100) {
      connection.send("{\"type\":\"work\"}");
      sent++;
    }
    assertThat(connection.closeCode()).hasValue(CloseCodes.POLICY_VIOLATION);
    // five accepted, five refused with an error, the sixth refusal closes
    assertThat(sent).isEqualTo(11);
    assertThat(handled).hasValue(5);
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void aClientThatSlowsDownIsForgiven() {
    TestConnection connection = new InMemoryTransport(hub(new RateLimit(10, 5))).connect("/ws");
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 7; i++) {
        connection.send("{\"type\":\"work\"}");
      }
      advanceMillis(1_000);
    }
    assertThat(connection.isOpen()).isTrue();
    assertThat(handled).hasValue(50 * 5);
  }

  @Test
  void unlimitedMeansUnlimited() {
    TestConnection connection = new InMemoryTransport(hub(RateLimit.UNLIMITED)).connect("/ws");
    for (int i = 0; i < 10_000; i++) {
      connection.send("{\"type\":\"work\"}");
    }
    assertThat(handled).hasValue(10_000);
  }

  @Test
  void roomsPerClientAreBounded() {
    Hub hub = hub(RateLimit.UNLIMITED);
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    for (int i = 0; i < 5; i++) {
      connection.send("{\"type\":\"join\",\"room\":\"r" + i + "\"}");
    }
    assertThat(hub.roomNames()).containsExactlyInAnyOrder("r0", "r1", "r2");
    assertThat(connection.receivedOfType("error"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.get("code").getAsString()).isEqualTo("too_many_rooms"));
    // re-joining a room it is in is not a new room
    connection.send("{\"type\":\"join\",\"room\":\"r1\"}");
    assertThat(connection.receivedOfType("error")).hasSize(2);
  }
}
