package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Authenticator;
import dev.realtime.auth.Principal;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub's authentication: who a new connection is, when its session ends, and token refreshes.
 *
 * <p>A refused connection gets an error frame saying why and is closed with {@link
 * CloseCodes#UNAUTHORIZED} (4001) before the hub registers it, so no handler ever sees it. Refusing
 * after the upgrade rather than at the handshake is what lets a browser page read the reason and
 * stop reconnecting (browsers hide a refused handshake's status). When a session's credentials
 * expire the client gets {@code token_expired} and is closed with {@link CloseCodes#TOKEN_EXPIRED}
 * (4002), unless it sent {@code {"type":"refresh_token","token":…}} with a valid token for the
 * same user first, which is answered with {@code {"type":"token_refreshed","expires_at":…}}.
 */
final class AuthGate {
  private static final Logger log = LoggerFactory.getLogger(AuthGate.class);
  private static final String REFRESH = "refresh_token";

  private final Authenticator authenticator;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final RealtimeMetrics metrics;

  AuthGate(Authenticator authenticator, ScheduledExecutorService scheduler, Clock clock, RealtimeMetrics metrics) {
    this.authenticator = authenticator;
    this.scheduler = scheduler;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Authenticates a new connection; empty if it was refused (and told why, and is closing). */
  Optional<Principal> admit(Connection connection) {
    AuthResult result;
    try {
      result = authenticator.authenticate(connection.handshake());
    } catch (RuntimeException e) {
      log.warn("authenticator failed for {}", connection, e);
      result = AuthResult.refused("auth_error", "authentication failed");
    }
    if (result instanceof AuthResult.Refused refused) {
      metrics.handshakeRejected();
      connection.send(Json.message(Json.error(refused.code(), refused.reason(), null)));
      connection.close(CloseCodes.UNAUTHORIZED, refused.reason());
      return Optional.empty();
    }
    return Optional.of(((AuthResult.Accepted) result).principal());
  }

  /** Arms the expiry timer of a client the hub has registered. */
  void opened(Client client) {
    // Only once registered: an expiry that fired earlier would close a connection the hub never
    // hears closing.
    scheduleExpiry(client);
  }

  void closed(Client client) {
    client.replaceExpiry(null);
  }

  /** Handles {@code text} if it is a token refresh; returns false for every other frame. */
  boolean intercept(Client client, String text) {
    // Cheap test first: only frames that mention the type are parsed here.
    if (!text.contains(REFRESH)) {
      return false;
    }
    JsonObject message;
    try {
      message = Json.parseObject(text);
    } catch (ProtocolException e) {
      return false;
    }
    JsonElement type = message.get("type");
    if (type == null || !type.isJsonPrimitive() || !REFRESH.equals(type.getAsString())) {
      return false;
    }
    refresh(client, message);
    return true;
  }

  private void refresh(Client client, JsonObject message) {
    JsonElement requestId = message.get("id");
    JsonElement token = message.get("token");
    if (token == null || !token.isJsonPrimitive() || !token.getAsJsonPrimitive().isString()) {
      reply(client, Json.error(ErrorCodes.INVALID_MESSAGE, "field 'token' must be a string", requestId));
      return;
    }
    Principal current = client.principal().orElseThrow();
    AuthResult result;
    try {
      result = authenticator.refresh(current, token.getAsString());
    } catch (RuntimeException e) {
      log.warn("token refresh failed for {}", client, e);
      result = AuthResult.refused("auth_error", "token refresh failed");
    }
    if (result instanceof AuthResult.Accepted ok && ok.principal().userId().equals(current.userId())) {
      client.setPrincipal(ok.principal());
      scheduleExpiry(client);
      JsonObject answer = new JsonObject();
      answer.addProperty("type", "token_refreshed");
      ok.principal().expiresAt().ifPresent(at -> answer.addProperty("expires_at", at.toString()));
      reply(client, answer);
    } else if (result instanceof AuthResult.Refused refused) {
      reply(client, Json.error(refused.code(), refused.reason(), requestId));
    } else {
      reply(client, Json.error("invalid_token", "the token belongs to another user", requestId));
    }
  }

  private static void reply(Client client, JsonObject message) {
    // Straight to the connection, as before the client existed: auth answers are never dropped.
    client.connection().send(Json.message(message));
  }

  private void scheduleExpiry(Client client) {
    Instant expiresAt = client.principal().flatMap(Principal::expiresAt).orElse(null);
    if (expiresAt == null) {
      client.replaceExpiry(null);
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis());
    try {
      client.replaceExpiry(scheduler.schedule(() -> expire(client, expiresAt), delay, TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      log.debug("scheduler stopped; {} will not be expired", client);
    }
  }

  private void expire(Client client, Instant expiresAt) {
    Instant current = client.principal().flatMap(Principal::expiresAt).orElse(null);
    if (!expiresAt.equals(current) || !client.isOpen()) {
      return; // refreshed meanwhile, or already gone
    }
    reply(client, Json.error("token_expired", "the session token expired", null));
    client.close(CloseCodes.TOKEN_EXPIRED, "token expired");
  }
}
