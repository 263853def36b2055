package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Authenticator;
import dev.realtime.auth.Principal;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.Handshake;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client keeps its token-expiry timer and its catch-ups in one field: whichever comes first,
 * the timer is still the one a refresh cancels, that fires at the expiry, and that a close cancels.
 */
class ClientExpiryAndRecoveryTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Instant start = clock.instant();

  /** Tokens are "user:secondsValid" from the start of the test. */
  private final Authenticator authenticator = new Authenticator() {
    @Override
    public AuthResult authenticate(Handshake handshake) {
      return parse(handshake.query("token").orElseThrow());
    }

    @Override
    public AuthResult refresh(Principal current, String token) {
      return parse(token);
    }

    private AuthResult parse(String token) {
      String[] parts = token.split(":");
      return AuthResult.accepted(new Principal(parts[0], parts[0], Set.of(), Map.of(),
          Optional.of(start.plusSeconds(Long.parseLong(parts[1])))));
    }
  };

  private final Hub hub = Hub.builder()
      .authenticator(authenticator)
      .scheduler(scheduler)
      .clock(clock)
      .onConnect(ctx -> {
        if (ctx.client().handshake().query("resume").isPresent()) {
          resume(ctx.client());
        }
      })
      .on("resume", ctx -> resume(ctx.client()))
      .build();
  private final InMemoryTransport transport = new InMemoryTransport(hub);
  private int hubTasks;

  private void resume(Client client) {
    StreamPosition now = hub.room("r").position().toCompletableFuture().join();
    assertThat(client.join("r", now)).isTrue();
  }

  @BeforeEach
  void countTheHubsOwnTasks() {
    hubTasks = scheduler.pending();
  }

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void aTimerArmedBeforeTheFirstResumeIsRefreshedFiredAndNotDuplicated() {
    TestConnection connection = transport.connect("/ws?token=alice:60");
    assertThat(timers()).isEqualTo(1);

    connection.send("{\"type\":\"resume\"}");
    assertThat(connection.receivedOfType("recovery")).hasSize(1);
    assertThat(timers()).isEqualTo(1);

    connection.send("{\"type\":\"refresh_token\",\"token\":\"alice:120\"}");
    assertThat(connection.receivedOfType("token_refreshed")).hasSize(1);
    assertThat(timers()).as("the refresh cancels the first timer").isEqualTo(1);

    scheduler.advance(Duration.ofSeconds(90));
    assertThat(connection.isOpen()).isTrue();
    scheduler.advance(Duration.ofSeconds(31));
    assertThat(connection.closeCode()).hasValue(CloseCodes.TOKEN_EXPIRED);
    assertThat(connection.receivedOfType("error")).extracting(e -> e.get("code").getAsString())
        .containsExactly("token_expired");
    assertThat(timers()).isZero();
  }

  @Test
  void aTimerArmedAfterTheFirstResumeIsKeptAndACloseCancelsIt() {
    TestConnection connection = transport.connect("/ws?token=bob:60&resume=1");
    assertThat(connection.receivedOfType("recovery")).hasSize(1);
    assertThat(timers()).isEqualTo(1);

    connection.send("{\"type\":\"refresh_token\",\"token\":\"bob:120\"}");
    assertThat(timers()).isEqualTo(1);
    connection.disconnect(CloseCodes.NORMAL, "bye");

    assertThat(hub.clientCount()).isZero();
    assertThat(timers()).as("the close cancels the timer").isZero();
    scheduler.advance(Duration.ofSeconds(200));
    assertThat(connection.receivedOfType("error")).isEmpty();
  }

  @Test
  void aClientWithBothStillResumesAnotherRoomAndLeavesCleanly() {
    TestConnection connection = transport.connect("/ws?token=carol:60&resume=1");
    Client client = hub.clients().iterator().next();
    assertThat(client.recovery("r")).as("kept until a later live frame or a leave").isNotNull();
    assertThat(client.leave("r")).isTrue();
    assertThat(client.recovery("r")).isNull();
    assertThat(client.join("r", new StreamPosition(0, "another-epoch"))).isTrue();
    assertThat(connection.receivedOfType("recovery")).extracting(r -> r.get("recovered").getAsBoolean())
        .containsExactly(true, false);
    assertThat(timers()).isEqualTo(1);
  }

  private int timers() {
    return scheduler.pending() - hubTasks;
  }
}
