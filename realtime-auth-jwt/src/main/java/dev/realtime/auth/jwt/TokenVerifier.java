package dev.realtime.auth.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one compact JWS: size, shape, algorithm, signature, then the time and identity claims.
 *
 * <p>The order matters: nothing is decoded before the size check, and no claim is trusted before
 * the signature is verified with the one configured key.
 */
final class TokenVerifier {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

  private final VerificationKey key;
  private final Clock clock;
  private final Duration clockSkew;
  private final boolean requireExpiry;
  private final Optional<String> issuer;
  private final Optional<String> audience;
  private final int maxTokenLength;
  private final PrincipalMapping mapping;

  TokenVerifier(
      VerificationKey key, Clock clock, Duration clockSkew, boolean requireExpiry, Optional<String> issuer,
      Optional<String> audience, int maxTokenLength, PrincipalMapping mapping) {
    this.key = key;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.requireExpiry = requireExpiry;
    this.issuer = issuer;
    this.audience = audience;
    this.maxTokenLength = maxTokenLength;
    this.mapping = mapping;
  }

  /** Accepts the token as a principal, or refuses it with a {@link JwtRefusal}. */
  AuthResult verify(String token) {
    if (token.length() > maxTokenLength) {
      return JwtRefusal.TOKEN_TOO_LARGE.result();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || !BASE64URL.matcher(parts[0]).matches() || !BASE64URL.matcher(parts[1]).matches()
        || !BASE64URL.matcher(parts[2]).matches()) {
      return JwtRefusal.MALFORMED_TOKEN.result();
    }
    Header header;
    try {
      header = Header.parse(new Base64URL(parts[0]));
    } catch (ParseException | RuntimeException e) {
      return JwtRefusal.MALFORMED_TOKEN.result();
    }
    // Compared before any verifier runs: "none" and every other algorithm stop here.
    if (!key.algorithm().equals(header.getAlgorithm())) {
      return JwtRefusal.UNSUPPORTED_ALGORITHM.result();
    }
    if (parts[2].isEmpty()) {
      return JwtRefusal.INVALID_SIGNATURE.result();
    }
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = new SignedJWT(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
      if (!jwt.verify(key.verifier())) {
        return JwtRefusal.INVALID_SIGNATURE.result();
      }
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return JwtRefusal.MALFORMED_TOKEN.result();
    } catch (JOSEException | IllegalStateException e) {
      return JwtRefusal.INVALID_SIGNATURE.result();
    }
    return checkClaims(claims);
  }

  private AuthResult checkClaims(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    if (expiry == null && requireExpiry) {
      return JwtRefusal.MISSING_EXPIRY.result();
    }
    if (expiry != null && !now.isBefore(expiry.toInstant().plus(clockSkew))) {
      return JwtRefusal.TOKEN_EXPIRED.result();
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
      return JwtRefusal.TOKEN_NOT_YET_VALID.result();
    }
    if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
      return JwtRefusal.INVALID_ISSUER.result();
    }
    if (audience.isPresent() && (claims.getAudience() == null || !claims.getAudience().contains(audience.get()))) {
      return JwtRefusal.INVALID_AUDIENCE.result();
    }
    Optional<Principal> principal = mapping.principal(claims);
    return principal.map(AuthResult::accepted).orElseGet(JwtRefusal.INVALID_CLAIMS::result);
  }
}
