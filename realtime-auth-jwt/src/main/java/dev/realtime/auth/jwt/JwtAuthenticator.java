package dev.realtime.auth.jwt;

import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Authenticator;
import dev.realtime.auth.Principal;
import dev.realtime.transport.Handshake;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates WebSocket handshakes with a JSON Web Token signed with HS256 or RS256.
 *
 * <pre>{@code
 * JwtAuthenticator jwt = JwtAuthenticator.builder().rs256(publicKey).issuer("https://id.example.com")
 *     .audience("chat").build();
 * Hub hub = Hub.builder().authenticator(jwt).subprotocols(JwtAuthenticator.subprotocolSelector())
 *     .on("say", ctx -> ...).build();
 * }</pre>
 *
 * <p>The hub refuses a connection whose token this authenticator refuses with an error frame and
 * close code 4001, ends a session with 4002 when its token expires, and extends it when the
 * client sends a fresh token ({@link #refresh}).
 *
 * <p>Exactly one algorithm and key are configured; a token with any other {@code alg} (including
 * {@code none}, and HS256 when the key is an RSA public key) is refused before its signature is
 * looked at. The token must carry {@code exp} (unless {@link Builder#requireExpiry} is off); {@code
 * nbf}, and {@code iss} and {@code aud} when configured, are checked too, all with a bounded clock
 * skew. The token is read from the {@code token} query parameter or from {@code
 * Sec-WebSocket-Protocol} ({@code bearer, <token>} or the token alone). Refusals carry a {@link
 * JwtRefusal} code and message; neither ever contains the token or the key. Thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

  private final TokenVerifier verifier;
  private final Optional<String> queryParameter;
  private final boolean subprotocolTokens;

  private JwtAuthenticator(TokenVerifier verifier, Optional<String> queryParameter, boolean subprotocolTokens) {
    this.verifier = verifier;
    this.queryParameter = queryParameter;
    this.subprotocolTokens = subprotocolTokens;
  }

  /** Starts configuring an authenticator; choose {@link Builder#hs256} or {@link Builder#rs256}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The subprotocol choice for {@code Hub.Builder.subprotocols}: echoes {@code bearer} when
   * offered, else the offered entry that is the token itself (the only answer a browser accepts
   * then). Without it a browser that sends its token as a subprotocol fails the connection.
   */
  public static Function<List<String>, Optional<String>> subprotocolSelector() {
    return TokenSources.selector();
  }

  @Override
  public AuthResult authenticate(Handshake handshake) {
    Optional<String> token = TokenSources.find(handshake, queryParameter, subprotocolTokens);
    if (token.isEmpty()) {
      return refused(JwtRefusal.MISSING_TOKEN, handshake);
    }
    AuthResult result = verifier.verify(token.get());
    if (result instanceof AuthResult.Refused refused) {
      log.debug("refused a token from {}: {}", handshake.remoteAddress(), refused.reason());
    }
    return result;
  }

  /** Verifies a fresh token exactly like a handshake's; it must name the same user as {@code current}. */
  @Override
  public AuthResult refresh(Principal current, String token) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(token, "token");
    AuthResult result = verifier.verify(token);
    if (result instanceof AuthResult.Accepted accepted && !accepted.principal().userId().equals(current.userId())) {
      log.debug("refused a refresh for {}: the token names another user", current.userId());
      return JwtRefusal.WRONG_USER.result();
    }
    return result;
  }

  /** Verifies a token on its own, for callers that received it another way (an HTTP endpoint, say). */
  public AuthResult verify(String token) {
    return verifier.verify(Objects.requireNonNull(token, "token"));
  }

  private static AuthResult refused(JwtRefusal refusal, Handshake handshake) {
    log.debug("refused {}: {}", handshake.remoteAddress(), refusal.message());
    return refusal.result();
  }

  /** Configures a {@link JwtAuthenticator}. */
  public static final class Builder {
    /** The default allowance for clocks that disagree. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** The largest clock skew accepted: more would make {@code exp} meaningless. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** The default longest token accepted, in characters. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    private VerificationKey key;
    private Clock clock = Clock.systemUTC();
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private boolean requireExpiry = true;
    private String issuer;
    private String audience;
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
    private String userIdClaim = "sub";
    private List<String> displayNameClaims = List.of("username", "name");
    private String rolesClaim = "roles";
    private String queryParameter = "token";
    private boolean queryTokens = true;
    private boolean subprotocolTokens = true;

    private Builder() {}

    /** Accepts only HS256 tokens signed with {@code secret} (at least 256 bits; copied). */
    public Builder hs256(byte[] secret) {
      Objects.requireNonNull(secret, "secret");
      return key(VerificationKey.hs256(secret));
    }

    /** Accepts only RS256 tokens verified with {@code publicKey} (at least 2048 bits). */
    public Builder rs256(RSAPublicKey publicKey) {
      Objects.requireNonNull(publicKey, "publicKey");
      return key(VerificationKey.rs256(publicKey));
    }

    private Builder key(VerificationKey chosen) {
      if (key != null) {
        throw new IllegalStateException("configure exactly one algorithm: " + key.algorithm() + " is already set");
      }
      key = chosen;
      return this;
    }

    /** Requires {@code iss} to equal {@code issuer} (default: not checked). */
    public Builder issuer(String issuer) {
      this.issuer = nonBlank(issuer, "issuer");
      return this;
    }

    /** Requires {@code aud} to name {@code audience} (default: not checked). */
    public Builder audience(String audience) {
      this.audience = nonBlank(audience, "audience");
      return this;
    }

    /** How far clocks may disagree for {@code exp} and {@code nbf} (default 30 s, at most 5 min). */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW + ", got " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** The clock tokens are checked against (default: the system clock in UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether a token without {@code exp} is refused (default true: tokens that never expire leak forever). */
    public Builder requireExpiry(boolean required) {
      this.requireExpiry = required;
      return this;
    }

    /** The longest token accepted, in characters (default 8 KiB); longer ones are not even decoded. */
    public Builder maxTokenLength(int characters) {
      if (characters < 64 || characters > 64 * 1024) {
        throw new IllegalArgumentException("maxTokenLength must be between 64 and 65536, got " + characters);
      }
      this.maxTokenLength = characters;
      return this;
    }

    /** The claim holding the user id, a string or an integer (default {@code sub}; some issuers use {@code user_id}). */
    public Builder userIdClaim(String claim) {
      this.userIdClaim = nonBlank(claim, "claim");
      return this;
    }

    /** Claims tried in order for the display name (default {@code username}, then {@code name}). */
    public Builder displayNameClaims(String... claims) {
      for (String claim : claims) {
        nonBlank(claim, "claim");
      }
      this.displayNameClaims = List.of(claims);
      return this;
    }

    /** The claim holding roles, an array or a space-separated string (default {@code roles}). */
    public Builder rolesClaim(String claim) {
      this.rolesClaim = nonBlank(claim, "claim");
      return this;
    }

    /** The query parameter carrying the token (default {@code token}). */
    public Builder queryParameter(String name) {
      this.queryParameter = nonBlank(name, "name");
      return this;
    }

    /**
     * Whether tokens may come in the query string (default true). Query strings end up in access
     * logs and proxies; turn this off when every client can use the subprotocol header.
     */
    public Builder queryTokens(boolean allowed) {
      this.queryTokens = allowed;
      return this;
    }

    /** Whether tokens may come in {@code Sec-WebSocket-Protocol} (default true). */
    public Builder subprotocolTokens(boolean allowed) {
      this.subprotocolTokens = allowed;
      return this;
    }

    /** Builds the authenticator; fails unless exactly one algorithm was configured. */
    public JwtAuthenticator build() {
      if (key == null) {
        throw new IllegalStateException("configure an algorithm: hs256(secret) or rs256(publicKey)");
      }
      if (!queryTokens && !subprotocolTokens) {
        throw new IllegalStateException("allow at least one token source");
      }
      TokenVerifier verifier = new TokenVerifier(key, clock, clockSkew, requireExpiry, Optional.ofNullable(issuer),
          Optional.ofNullable(audience), maxTokenLength,
          new PrincipalMapping(userIdClaim, displayNameClaims, rolesClaim));
      return new JwtAuthenticator(verifier, queryTokens ? Optional.of(queryParameter) : Optional.empty(), subprotocolTokens);
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
