package dev.realtime.examples.chat;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtAuthenticator;
import dev.realtime.auth.jwt.JwtIssuer;
import dev.realtime.examples.http.Handler;
import dev.realtime.examples.http.Request;
import dev.realtime.examples.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * DEVELOPMENT ONLY: {@code GET /token?username=U}, which hands a signed token to anyone
 * who asks. It exists so the {@code --auth} chat can be tried without an identity provider; a real
 * deployment verifies tokens its identity provider issued and has no such endpoint.
 *
 * <p>The secret is random per process, so tokens die with the server. The answer has the
 * shape {@code {"token","user_id","username"}}, plus {@code expires_at}.
 */
final class DevelopmentTokens implements Handler {
  /** The {@code iss} of development tokens; the authenticator accepts no other. */
  static final String ISSUER = "realtime-chat-development";
  /** How long a development token lives by default. */
  static final Duration LIFETIME = Duration.ofHours(1);
  /** The name used when the request gives none. */
  static final String DEFAULT_USERNAME = "TestUser";

  private final JwtIssuer issuer;
  private final JwtAuthenticator authenticator;
  private final Duration lifetime;
  private final Clock clock;

  DevelopmentTokens(byte[] secret, Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.issuer = JwtIssuer.hs256(secret, clock).withIssuer(ISSUER);
    this.authenticator = JwtAuthenticator.builder().hs256(secret).issuer(ISSUER).clock(clock).build();
    this.clock = clock;
  }

  /** The authenticator that accepts exactly these tokens. */
  JwtAuthenticator authenticator() {
    return authenticator;
  }

  @Override
  public Response handle(Request request) {
    if (!"GET".equals(request.method())) {
      return Response.error(405, "method not allowed").withHeader("Allow", "GET");
    }
    String username = request.query("username").map(String::trim).filter(name -> !name.isEmpty())
        .orElse(DEFAULT_USERNAME);
    if (username.length() > ChatService.MAX_NAME_LENGTH) {
      return Response.error(400, "username must be at most " + ChatService.MAX_NAME_LENGTH + " characters");
    }
    // A stable id per name, so a refreshed token names the same user as the one it replaces.
    String userId = UUID.nameUUIDFromBytes(("chat:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    // exp has whole seconds: report what the token says, not a more precise instant.
    Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    JsonObject body = new JsonObject();
    body.addProperty("token", issuer.issue(userId, username, Set.of("user"), lifetime));
    body.addProperty("user_id", userId);
    body.addProperty("username", username);
    body.addProperty("expires_at", expiresAt.toString());
    body.addProperty("development_only", true);
    // A token is a credential: no cache may keep it.
    return Response.json(body).withHeader("Cache-Control", "no-store");
  }
}
