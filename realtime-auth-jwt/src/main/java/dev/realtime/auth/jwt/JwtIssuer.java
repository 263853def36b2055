package dev.realtime.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Signs HS256 tokens for development and tests: a real deployment gets its tokens from an identity
 * provider and only verifies them here.
 *
 * <p>Tokens carry {@code sub} and {@code user_id} (the same id), {@code username}, {@code roles},
 * {@code iat}, {@code exp}, and {@code iss}/{@code aud} when set — what {@link JwtAuthenticator}'s
 * defaults read. Immutable and thread-safe.
 */
public final class JwtIssuer {
  private final MACSigner signer;
  private final Clock clock;
  private final Optional<String> issuer;
  private final Optional<String> audience;

  private JwtIssuer(MACSigner signer, Clock clock, Optional<String> issuer, Optional<String> audience) {
    this.signer = signer;
    this.clock = clock;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** An issuer signing with {@code secret} (at least 256 bits; copied), stamping times from {@code clock}. */
  public static JwtIssuer hs256(byte[] secret, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(clock, "clock");
    if (secret.length < VerificationKey.MIN_HMAC_SECRET_BYTES) {
      throw new IllegalArgumentException("an HS256 secret needs at least 256 bits (32 bytes)");
    }
    try {
      return new JwtIssuer(new MACSigner(secret.clone()), clock, Optional.empty(), Optional.empty());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable HS256 secret", e);
    }
  }

  /** A fresh random 256-bit secret, for a process that issues and verifies its own tokens. */
  public static byte[] randomSecret() {
    byte[] secret = new byte[VerificationKey.MIN_HMAC_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** A copy that stamps {@code iss}. */
  public JwtIssuer withIssuer(String issuer) {
    return new JwtIssuer(signer, clock, Optional.of(issuer), audience);
  }

  /** A copy that stamps {@code aud}. */
  public JwtIssuer withAudience(String audience) {
    return new JwtIssuer(signer, clock, issuer, Optional.of(audience));
  }

  /** Signs a token for {@code userId} named {@code username} with {@code roles}, valid for {@code lifetime}. */
  public String issue(String userId, String username, Set<String> roles, Duration lifetime) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(roles, "roles");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive");
    }
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(userId)
        .claim("user_id", userId)
        .claim("username", username)
        .claim("roles", List.copyOf(roles))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)));
    issuer.ifPresent(claims::issuer);
    audience.ifPresent(claims::audience);
    return sign(claims.build());
  }

  /** Signs arbitrary claims, for tests that need unusual tokens (no {@code exp}, a future {@code nbf}). */
  public String sign(JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 signing failed", e);
    }
    return jwt.serialize();
  }
}
