package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Authenticator;
import dev.realtime.auth.Principal;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.Handshake;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hub with an authenticator: refusals, principals, token refresh and session expiry. */
class HubAuthenticationTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicReference<Client> lastClient = new AtomicReference<>();
  private final CountDownLatch disconnected = new CountDownLatch(1);

  /** Tokens are "user:secondsValid"; anything else is refused. */
  private final Authenticator authenticator = new Authenticator() {
    @Override
    public AuthResult authenticate(Handshake handshake) {
      return parse(handshake.query("token").orElse(""));
    }

    @Override
    public AuthResult refresh(Principal current, String token) {
      return parse(token);
    }

    private AuthResult parse(String token) {
      String[] parts = token.split(":");
      if (parts.length != 2) {
        return AuthResult.refused("invalid_token", "token is malformed");
      }
      return AuthResult.accepted(new Principal(parts[0], parts[0], Set.of("user"), Map.of(),
          Optional.of(NOW.plusSeconds(Long.parseLong(parts[1])))));
    }
  };

  private final Hub hub =
      Hub.builder()
          .authenticator(authenticator)
          .scheduler(scheduler)
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .onConnect(ctx -> lastClient.set(ctx.client()))
          .on("whoami", ctx -> {
            JsonObject answer = new JsonObject();
            answer.addProperty("type", "you");
            answer.addProperty("user", ctx.client().user().orElse("?"));
            ctx.reply(answer);
          })
          .onDisconnect(ctx -> disconnected.countDown())
          .build();

  private final InMemoryTransport transport = new InMemoryTransport(hub);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    hub.close();
  }

  @Test
  void aRefusedConnectionLearnsWhyAndNeverReachesTheHandlers() {
    TestConnection connection = transport.connect("/ws?token=bad");
    JsonObject error = connection.receivedOfType("error").get(0);
    assertThat(error.get("code").getAsString()).isEqualTo("invalid_token");
    assertThat(error.get("message").getAsString()).isEqualTo("token is malformed");
    assertThat(connection.closeCode()).hasValue(CloseCodes.UNAUTHORIZED);
    assertThat(lastClient.get()).isNull();
    assertThat(hub.clientCount()).isZero();
    assertThat(disconnected.getCount()).isEqualTo(1);
  }

  @Test
  void anAcceptedConnectionCarriesItsPrincipal() {
    TestConnection connection = transport.connect("/ws?token=alice:3600");
    assertThat(lastClient.get().principal()).hasValueSatisfying(p -> assertThat(p.userId()).isEqualTo("alice"));
    connection.send("{\"type\":\"whoami\"}");
    assertThat(connection.lastJson().orElseThrow().get("user").getAsString()).isEqualTo("alice");
    assertThat(hub.clientsOf("alice")).hasSize(1);
  }

  @Test
  void refreshExtendsTheSessionForTheSameUserOnly() {
    TestConnection connection = transport.connect("/ws?token=alice:3600");
    connection.send("{\"type\":\"refresh_token\",\"token\":\"alice:7200\"}");
    JsonObject refreshed = connection.lastJson().orElseThrow();
    assertThat(refreshed.get("type").getAsString()).isEqualTo("token_refreshed");
    assertThat(Instant.parse(refreshed.get("expires_at").getAsString())).isEqualTo(NOW.plusSeconds(7200));
    assertThat(lastClient.get().principal().orElseThrow().expiresAt()).hasValue(NOW.plusSeconds(7200));

    connection.send("{\"type\":\"refresh_token\",\"token\":\"mallory:7200\"}");
    assertThat(connection.lastJson().orElseThrow().get("code").getAsString()).isEqualTo("invalid_token");
    connection.send("{\"type\":\"refresh_token\",\"token\":42,\"id\":5}");
    JsonObject invalid = connection.lastJson().orElseThrow();
    assertThat(invalid.get("code").getAsString()).isEqualTo("invalid_message");
    assertThat(invalid.get("id").getAsInt()).isEqualTo(5);
    assertThat(lastClient.get().principal().orElseThrow().userId()).isEqualTo("alice");
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void anExpiredSessionIsClosedWith4002() throws Exception {
    TestConnection connection = transport.connect("/ws?token=alice:0");
    assertThat(disconnected.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(connection.closeCode()).hasValue(CloseCodes.TOKEN_EXPIRED);
    assertThat(connection.receivedOfType("error").get(0).get("code").getAsString()).isEqualTo("token_expired");
  }

  @Test
  void otherFramesMentioningRefreshStillReachTheHandlers() {
    TestConnection connection = transport.connect("/ws?token=alice:3600");
    connection.send("{\"type\":\"whoami\",\"note\":\"refresh_token\"}");
    assertThat(connection.lastJson().orElseThrow().get("type").getAsString()).isEqualTo("you");
  }

  @Test
  void aHubWithoutASchedulerStartsItsOwnTimerAndCloseStopsIt() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    Hub own = Hub.builder()
        .name("self-timed")
        .authenticator(authenticator)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .onDisconnect(ctx -> gone.countDown())
        .build();
    TestConnection connection = new InMemoryTransport(own).connect("/ws?token=bob:0");
    assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(connection.closeCode()).hasValue(CloseCodes.TOKEN_EXPIRED);
    assertThat(timerThreadAlive("realtime-hub-self-timed-timer")).isTrue();

    own.close();
    own.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (timerThreadAlive("realtime-hub-self-timed-timer") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(timerThreadAlive("realtime-hub-self-timed-timer")).isFalse();
  }

  private static boolean timerThreadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals(name) && thread.isAlive());
  }
}
