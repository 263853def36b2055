package dev.realtime.examples.feed;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtAuthenticator;
import dev.realtime.auth.jwt.JwtIssuer;
import dev.realtime.examples.http.Handler;
import dev.realtime.examples.http.Request;
import dev.realtime.examples.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * DEVELOPMENT ONLY: {@code GET /token?username=U} hands a signed one-hour token to anyone who
 * asks, so an example's {@code --auth} mode can be tried without an identity provider. The secret
 * is random per process, so tokens die with it. A real deployment verifies tokens its identity
 * provider issued and has no such endpoint.
 */
public final class DevelopmentTokens implements Handler {
  /** How long a token lives. */
  public static final Duration LIFETIME = Duration.ofHours(1);
  private static final int MAX_NAME = 64;

  private final String issuerName;
  private final JwtIssuer issuer;
  private final JwtAuthenticator authenticator;
  private final Clock clock;

  /** Tokens of issuer {@code issuerName}, signed with a fresh random secret. */
  public DevelopmentTokens(String issuerName, Clock clock) {
    this(issuerName, JwtIssuer.randomSecret(), clock);
  }

  /** Tokens signed with {@code secret} (tests sign their own). */
  public DevelopmentTokens(String issuerName, byte[] secret, Clock clock) {
    this.issuerName = Objects.requireNonNull(issuerName, "issuerName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.issuer = JwtIssuer.hs256(secret, clock).withIssuer(issuerName);
    this.authenticator = JwtAuthenticator.builder().hs256(secret).issuer(issuerName).clock(clock).build();
  }

  /** The authenticator that accepts exactly these tokens. */
  public JwtAuthenticator authenticator() {
    return authenticator;
  }

  /** A token for {@code username}, as {@code /token} would hand out. */
  public String issue(String username) {
    return issuer.issue(userId(username), username, Set.of("user"), LIFETIME);
  }

  @Override
  public Response handle(Request request) {
    if (!"GET".equals(request.method())) {
      return Response.error(405, "method not allowed").withHeader("Allow", "GET");
    }
    String username = request.query("username").map(String::trim).filter(name -> !name.isEmpty()).orElse("visitor");
    if (username.length() > MAX_NAME) {
      return Response.error(400, "username must be at most " + MAX_NAME + " characters");
    }
    JsonObject body = new JsonObject();
    body.addProperty("token", issue(username));
    body.addProperty("user_id", userId(username));
    body.addProperty("username", username);
    body.addProperty("expires_at", clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS).toString());
    body.addProperty("development_only", true);
    return Response.json(body).withHeader("Cache-Control", "no-store");
  }

  private String userId(String username) {
    return UUID.nameUUIDFromBytes((issuerName + ":" + username).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
