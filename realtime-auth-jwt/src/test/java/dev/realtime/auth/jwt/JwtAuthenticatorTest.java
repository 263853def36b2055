package dev.realtime.auth.jwt;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Principal;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Valid tokens, the claims they map to, time checks, issuer, audience and refresh. */
class JwtAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final KeyPair RSA = Tokens.rsaKeyPair();

  private final ManualClock clock = new ManualClock(NOW);
  private final JwtAuthenticator hs256 = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).build();

  private static Principal accepted(AuthResult result) {
    assertThat(result).isInstanceOf(AuthResult.Accepted.class);
    return ((AuthResult.Accepted) result).principal();
  }

  private AuthResult query(JwtAuthenticator authenticator, String token) {
    return authenticator.authenticate(Tokens.handshake("/ws?token=" + token));
  }

  @Test
  void acceptsAValidHs256TokenAndMapsItsClaims() {
    String token = Tokens.hs256(Tokens.claims("u-1", NOW.plusSeconds(3600))
        .claim("roles", List.of("admin", "editor")).claim("plan", "pro").claim("beta", true)
        .claim("nested", Map.of("a", 1)).issueTime(Date.from(NOW)).build());

    Principal principal = accepted(query(hs256, token));

    assertThat(principal.userId()).isEqualTo("u-1");
    assertThat(principal.displayName()).isEqualTo("u-1 name");
    assertThat(principal.roles()).containsExactlyInAnyOrder("admin", "editor");
    assertThat(principal.expiresAt()).contains(NOW.plusSeconds(3600));
    assertThat(principal.claims()).containsEntry("plan", "pro").containsEntry("beta", true)
        .containsEntry("sub", "u-1").containsEntry("exp", NOW.plusSeconds(3600).getEpochSecond())
        .doesNotContainKey("nested").doesNotContainKey("roles");
  }

  @Test
  void acceptsAValidRs256Token() {
    JwtAuthenticator rs256 = JwtAuthenticator.builder().rs256((RSAPublicKey) RSA.getPublic()).clock(clock).build();
    String token = Tokens.rs256(Tokens.claims("u-2", NOW.plusSeconds(60)).build(), RSA);
    assertThat(accepted(query(rs256, token)).userId()).isEqualTo("u-2");
  }

  @Test
  void rolesMayBeASpaceSeparatedStringAndNonStringsAreIgnored() {
    String spaced = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).claim("roles", " admin  ops ").build());
    assertThat(accepted(query(hs256, spaced)).roles()).containsExactlyInAnyOrder("admin", "ops");
    String mixed = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).claim("roles", List.of("ops", 7, true)).build());
    assertThat(accepted(query(hs256, mixed)).roles()).containsExactly("ops");
  }

  @Test
  void aConfigurableUserIdClaimTakesTheSeedsNumericUserId() {
    JwtAuthenticator seedLike = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).userIdClaim("user_id").build();
    String token = Tokens.hs256(new JWTClaimsSet.Builder().claim("user_id", 42).claim("username", "Ada")
        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
    Principal principal = accepted(query(seedLike, token));
    assertThat(principal.userId()).isEqualTo("42");
    assertThat(principal.displayName()).isEqualTo("Ada");

    String fractional = Tokens.hs256(new JWTClaimsSet.Builder().claim("user_id", 4.5)
        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
    assertThat(query(seedLike, fractional)).isEqualTo(JwtRefusal.INVALID_CLAIMS.result());
  }

  @Test
  void theDisplayNameFallsBackToNameThenToTheUserId() {
    String named = Tokens.hs256(new JWTClaimsSet.Builder().subject("u").claim("name", "Grace")
        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
    assertThat(accepted(query(hs256, named)).displayName()).isEqualTo("Grace");
    String bare = Tokens.hs256(new JWTClaimsSet.Builder().subject("u").expirationTime(Date.from(NOW.plusSeconds(60))).build());
    assertThat(accepted(query(hs256, bare)).displayName()).isEqualTo("u");
  }

  @Test
  void aTokenWithoutAUserIsRefused() {
    String token = Tokens.hs256(new JWTClaimsSet.Builder().claim("username", "x")
        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
    assertThat(query(hs256, token)).isEqualTo(JwtRefusal.INVALID_CLAIMS.result());
  }

  @Test
  void anExpiredTokenIsRefusedOnceTheSkewHasPassed() {
    String token = Tokens.hs256(Tokens.claims("u", NOW.minusSeconds(10)).build());
    // 10 s late is within the default 30 s skew
    assertThat(query(hs256, token)).isInstanceOf(AuthResult.Accepted.class);
    clock.advance(Duration.ofSeconds(20));
    assertThat(query(hs256, token)).isEqualTo(JwtRefusal.TOKEN_EXPIRED.result());
    assertThat(JwtRefusal.TOKEN_EXPIRED.code()).isEqualTo("token_expired");
  }

  @Test
  void withoutSkewExpiryIsExact() {
    JwtAuthenticator strict = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).clockSkew(Duration.ZERO).build();
    String token = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(1)).build());
    assertThat(query(strict, token)).isInstanceOf(AuthResult.Accepted.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(query(strict, token)).isEqualTo(JwtRefusal.TOKEN_EXPIRED.result());
  }

  @Test
  void aTokenNotValidYetIsRefusedBeyondTheSkew() {
    String soon = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(3600)).notBeforeTime(Date.from(NOW.plusSeconds(20))).build());
    assertThat(query(hs256, soon)).isInstanceOf(AuthResult.Accepted.class);
    String later = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(3600)).notBeforeTime(Date.from(NOW.plusSeconds(300))).build());
    assertThat(query(hs256, later)).isEqualTo(JwtRefusal.TOKEN_NOT_YET_VALID.result());
    clock.advance(Duration.ofSeconds(280));
    assertThat(query(hs256, later)).isInstanceOf(AuthResult.Accepted.class);
  }

  @Test
  void expiryIsRequiredUnlessTurnedOff() {
    String forever = Tokens.hs256(new JWTClaimsSet.Builder().subject("u").build());
    assertThat(query(hs256, forever)).isEqualTo(JwtRefusal.MISSING_EXPIRY.result());
    JwtAuthenticator lenient = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).requireExpiry(false).build();
    assertThat(accepted(query(lenient, forever)).expiresAt()).isEmpty();
  }

  @Test
  void issuerAndAudienceAreCheckedWhenConfigured() {
    JwtAuthenticator strict = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock)
        .issuer("https://id.example").audience("chat").build();
    String good = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).issuer("https://id.example").audience(List.of("mail", "chat")).build());
    assertThat(query(strict, good)).isInstanceOf(AuthResult.Accepted.class);

    String otherIssuer = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).issuer("https://evil.example").audience("chat").build());
    assertThat(query(strict, otherIssuer)).isEqualTo(JwtRefusal.INVALID_ISSUER.result());
    String noIssuer = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).audience("chat").build());
    assertThat(query(strict, noIssuer)).isEqualTo(JwtRefusal.INVALID_ISSUER.result());
    String otherAudience = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).issuer("https://id.example").audience("mail").build());
    assertThat(query(strict, otherAudience)).isEqualTo(JwtRefusal.INVALID_AUDIENCE.result());
    String noAudience = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).issuer("https://id.example").build());
    assertThat(query(strict, noAudience)).isEqualTo(JwtRefusal.INVALID_AUDIENCE.result());
  }

  @Test
  void aRefreshForTheSameUserExtendsTheSessionAndAnotherUsersIsRefused() {
    Principal current = accepted(query(hs256, Tokens.hs256(Tokens.claims("u-1", NOW.plusSeconds(60)).build())));

    Principal refreshed = accepted(hs256.refresh(current, Tokens.hs256(Tokens.claims("u-1", NOW.plusSeconds(3600)).build())));
    assertThat(refreshed.expiresAt()).contains(NOW.plusSeconds(3600));

    assertThat(hs256.refresh(current, Tokens.hs256(Tokens.claims("u-2", NOW.plusSeconds(3600)).build())))
        .isEqualTo(JwtRefusal.WRONG_USER.result());
    assertThat(hs256.refresh(current, Tokens.hs256(Tokens.claims("u-1", NOW.minusSeconds(3600)).build())))
        .isEqualTo(JwtRefusal.TOKEN_EXPIRED.result());
    assertThat(hs256.refresh(current, "garbage")).isEqualTo(JwtRefusal.MALFORMED_TOKEN.result());
  }

  @Test
  void theIssuerRoundTripsThroughTheAuthenticator() {
    JwtIssuer issuer = JwtIssuer.hs256(Tokens.SECRET, clock).withIssuer("dev").withAudience("chat");
    JwtAuthenticator strict = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).issuer("dev").audience("chat").build();
    Principal principal = accepted(query(strict, issuer.issue("id-7", "Lin", Set.of("mod"), Duration.ofMinutes(5))));
    assertThat(principal).extracting(Principal::userId, Principal::displayName, Principal::roles, Principal::expiresAt)
        .containsExactly("id-7", "Lin", Set.of("mod"), Optional.of(NOW.plusSeconds(300)));
    assertThat(principal.claims()).containsEntry("user_id", "id-7").containsEntry("iss", "dev");
    assertThat(JwtIssuer.randomSecret()).hasSize(32).isNotEqualTo(JwtIssuer.randomSecret());
  }
}
