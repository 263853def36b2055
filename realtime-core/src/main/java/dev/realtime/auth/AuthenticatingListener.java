package dev.realtime.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every connection before a hub sees it, and ends sessions whose token expires.
 *
 * <p>Wrap a hub with it and route the wrapper: {@code route("/ws", new
 * AuthenticatingListener(authenticator, hub, scheduler))}. A refused connection gets an error
 * frame saying why and is closed with {@link CloseCodes#UNAUTHORIZED} (4001); the hub never hears
 * of it. An accepted one reaches the hub carrying its {@link Principal} ({@code
 * Client.principal()}). When the principal's credentials expire, the connection gets a {@code
 * token_expired} error and is closed with {@link CloseCodes#TOKEN_EXPIRED} (4002), unless the
 * client sent {@code {"type":"refresh_token","token":…}} with a valid token for the same user
 * first; that is answered with {@code {"type":"token_refreshed","expires_at":…}}.
 *
 * <p>Browsers cannot read why a refused handshake failed (Java-WebSocket answers 404), so
 * refusing after the upgrade is what lets a page show the reason and stop reconnecting.
 */
public final class AuthenticatingListener implements ConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(AuthenticatingListener.class);
  private static final String REFRESH = "refresh_token";

  private final Authenticator authenticator;
  private final ConnectionListener delegate;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final RealtimeMetrics metrics;
  private final Map<Connection, AuthenticatedConnection> accepted = new ConcurrentHashMap<>();

  /** Guards {@code delegate}; expiry timers run on {@code scheduler}. */
  public AuthenticatingListener(
      Authenticator authenticator, ConnectionListener delegate, ScheduledExecutorService scheduler) {
    this(authenticator, delegate, scheduler, Clock.systemUTC(), RealtimeMetrics.noop());
  }

  /** Like the short constructor, with a clock for expiry and metrics for refusals. */
  public AuthenticatingListener(
      Authenticator authenticator, ConnectionListener delegate, ScheduledExecutorService scheduler,
      Clock clock, RealtimeMetrics metrics) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void onOpen(Connection connection) {
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
      return;
    }
    Principal principal = ((AuthResult.Accepted) result).principal();
    AuthenticatedConnection authenticated = new AuthenticatedConnection(connection, principal);
    accepted.put(connection, authenticated);
    delegate.onOpen(authenticated);
    // Only now: an expiry that fired before the hub had registered the client would close a
    // connection the hub never hears closing.
    scheduleExpiry(authenticated);
  }

  @Override
  public void onText(Connection connection, String text) {
    AuthenticatedConnection authenticated = accepted.get(connection);
    if (authenticated == null) {
      return;
    }
    // Cheap test first: only frames that mention the type are parsed here.
    if (text.contains(REFRESH) && refresh(authenticated, text)) {
      return;
    }
    delegate.onText(authenticated, text);
  }

  @Override
  public void onBinary(Connection connection, ByteBuffer data) {
    AuthenticatedConnection authenticated = accepted.get(connection);
    if (authenticated != null) {
      delegate.onBinary(authenticated, data);
    }
  }

  @Override
  public void onClose(Connection connection, int code, String reason, boolean remote) {
    AuthenticatedConnection authenticated = accepted.remove(connection);
    if (authenticated != null) {
      authenticated.replaceExpiry(null);
      delegate.onClose(authenticated, code, reason, remote);
    }
  }

  @Override
  public void onError(Connection connection, Throwable error) {
    AuthenticatedConnection authenticated = accepted.get(connection);
    delegate.onError(authenticated != null ? authenticated : connection, error);
  }

  /** Handles a refresh frame; returns false if the frame was something else after all. */
  private boolean refresh(AuthenticatedConnection connection, String text) {
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
    JsonElement token = message.get("token");
    if (token == null || !token.isJsonPrimitive() || !token.getAsJsonPrimitive().isString()) {
      reply(connection, Json.error(ErrorCodes.INVALID_MESSAGE, "field 'token' must be a string", message.get("id")));
      return true;
    }
    AuthResult result;
    try {
      result = authenticator.refresh(connection.principal(), token.getAsString());
    } catch (RuntimeException e) {
      log.warn("token refresh failed for {}", connection, e);
      result = AuthResult.refused("auth_error", "token refresh failed");
    }
    if (result instanceof AuthResult.Accepted ok
        && ok.principal().userId().equals(connection.principal().userId())) {
      connection.setPrincipal(ok.principal());
      scheduleExpiry(connection);
      JsonObject answer = new JsonObject();
      answer.addProperty("type", "token_refreshed");
      ok.principal().expiresAt().ifPresent(at -> answer.addProperty("expires_at", at.toString()));
      reply(connection, answer);
    } else if (result instanceof AuthResult.Refused refused) {
      reply(connection, Json.error(refused.code(), refused.reason(), message.get("id")));
    } else {
      reply(connection, Json.error("invalid_token", "the token belongs to another user", message.get("id")));
    }
    return true;
  }

  private static void reply(Connection connection, JsonObject message) {
    connection.send(Json.message(message));
  }

  private void scheduleExpiry(AuthenticatedConnection connection) {
    Instant expiresAt = connection.principal().expiresAt().orElse(null);
    if (expiresAt == null) {
      connection.replaceExpiry(null);
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis());
    try {
      connection.replaceExpiry(scheduler.schedule(() -> expire(connection, expiresAt), delay, TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      log.debug("scheduler stopped; {} will not be expired", connection);
    }
  }

  private void expire(AuthenticatedConnection connection, Instant expiresAt) {
    Instant current = connection.principal().expiresAt().orElse(null);
    if (!expiresAt.equals(current) || !connection.isOpen()) {
      return; // refreshed meanwhile, or already gone
    }
    reply(connection, Json.error("token_expired", "the session token expired", null));
    connection.close(CloseCodes.TOKEN_EXPIRED, "token expired");
  }
}
