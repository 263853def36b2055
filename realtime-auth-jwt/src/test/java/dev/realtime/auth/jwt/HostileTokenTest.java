package dev.realtime.auth.jwt;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.realtime.auth.AuthResult;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens an attacker would send: unsigned, re-signed, tampered, mangled, huge. */
class HostileTokenTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final KeyPair RSA = Tokens.rsaKeyPair();

  private final ManualClock clock = new ManualClock(NOW);
  private final JwtAuthenticator hs256 = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).build();
  private final JwtAuthenticator rs256 =
      JwtAuthenticator.builder().rs256((RSAPublicKey) RSA.getPublic()).clock(clock).build();
  private final JWTClaimsSet claims = Tokens.claims("victim", NOW.plusSeconds(3600)).claim("roles", "admin").build();

  @Test
  void anUnsignedTokenIsRefused() {
    String none = Tokens.unsigned(claims);
    assertThat(hs256.verify(none)).isEqualTo(JwtRefusal.UNSUPPORTED_ALGORITHM.result());
    assertThat(rs256.verify(none)).isEqualTo(JwtRefusal.UNSUPPORTED_ALGORITHM.result());
    // "none" spelled differently, with a signature part added: still not the configured algorithm
    String noneUpper = Tokens.b64("{\"alg\":\"NONE\"}") + "." + Tokens.b64(claims.toString()) + ".c2ln";
    assertThat(hs256.verify(noneUpper)).isInstanceOf(AuthResult.Refused.class);
  }

  @Test
  void anHs256TokenSignedWithTheRsaPublicKeyIsRefused() throws JOSEException {
    // The classic key confusion: the attacker knows the public key and uses its bytes as HMAC secret.
    byte[] publicKeyBytes = RSA.getPublic().getEncoded();
    String forged = Tokens.sign(JWSAlgorithm.HS256, new MACSigner(publicKeyBytes), claims);
    assertThat(rs256.verify(forged)).isEqualTo(JwtRefusal.UNSUPPORTED_ALGORITHM.result());
  }

  @Test
  void anRs256TokenIsRefusedWhenHs256IsConfiguredAndOtherHmacsToo() throws JOSEException {
    assertThat(hs256.verify(Tokens.rs256(claims, RSA))).isEqualTo(JwtRefusal.UNSUPPORTED_ALGORITHM.result());
    byte[] longSecret = Arrays.copyOf(Tokens.SECRET, 64);
    String hs512 = Tokens.sign(JWSAlgorithm.HS512, new MACSigner(longSecret), claims);
    assertThat(hs256.verify(hs512)).isEqualTo(JwtRefusal.UNSUPPORTED_ALGORITHM.result());
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    byte[] other = "another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    assertThat(hs256.verify(Tokens.hs256(claims, other))).isEqualTo(JwtRefusal.INVALID_SIGNATURE.result());
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = Tokens.hs256(claims);
    String[] parts = token.split("\\.");
    // a flipped signature character
    char last = parts[2].charAt(0);
    String flipped = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
    assertThat(hs256.verify(flipped)).isEqualTo(JwtRefusal.INVALID_SIGNATURE.result());
    // claims swapped for others under the original signature
    JWTClaimsSet escalated = Tokens.claims("root", NOW.plusSeconds(3600)).build();
    String swapped = parts[0] + "." + Tokens.b64(escalated.toString()) + "." + parts[2];
    assertThat(hs256.verify(swapped)).isEqualTo(JwtRefusal.INVALID_SIGNATURE.result());
    // the signature stripped
    assertThat(hs256.verify(parts[0] + "." + parts[1] + ".")).isEqualTo(JwtRefusal.INVALID_SIGNATURE.result());
    // the RS256 signature of another token spliced in
    String rsaSigned = Tokens.rs256(claims, RSA);
    String spliced = parts[0] + "." + parts[1] + "." + rsaSigned.split("\\.")[2];
    assertThat(rs256.verify(spliced)).isEqualTo(JwtRefusal.UNSUPPORTED_ALGORITHM.result());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "abc", "a.b", "a.b.c.d", "..", ".payload.sig", "header..sig",
      "eyJhbGciOiJIUzI1NiJ9.!!!.sig", "eyJhbGciOiJIUzI1NiJ9.e30.s+g/", "a b.c.d",
      "bm90IGpzb24.e30.c2ln", "WzEsMl0.e30.c2ln", "eyJhbGciOjV9.e30.c2ln", "eyJ0eXAiOiJKV1QifQ.e30.c2ln"})
  void malformedTokensAreRefused(String token) {
    assertThat(hs256.verify(token)).isEqualTo(JwtRefusal.MALFORMED_TOKEN.result());
  }

  @Test
  void claimsThatAreNotAJsonObjectAreRefusedAfterTheSignature() throws JOSEException {
    // a correctly signed token whose payload is not JSON
    String header = Tokens.b64("{\"alg\":\"HS256\"}");
    String payload = Tokens.b64("not json");
    MACSigner signer = new MACSigner(Tokens.SECRET);
    String signature = signer.sign(new com.nimbusds.jose.JWSHeader(JWSAlgorithm.HS256),
        (header + "." + payload).getBytes(StandardCharsets.US_ASCII)).toString();
    assertThat(hs256.verify(header + "." + payload + "." + signature)).isEqualTo(JwtRefusal.MALFORMED_TOKEN.result());
    // and one whose exp is not a number
    String badExp = Tokens.b64("{\"sub\":\"u\",\"exp\":\"tomorrow\"}");
    String badExpSignature = signer.sign(new com.nimbusds.jose.JWSHeader(JWSAlgorithm.HS256),
        (header + "." + badExp).getBytes(StandardCharsets.US_ASCII)).toString();
    assertThat(hs256.verify(header + "." + badExp + "." + badExpSignature)).isEqualTo(JwtRefusal.MALFORMED_TOKEN.result());
  }

  @Test
  void anOversizedTokenIsRefusedBeforeDecoding() {
    String padding = "x".repeat(9000);
    String huge = Tokens.hs256(Tokens.claims("u", NOW.plusSeconds(60)).claim("padding", padding).build());
    assertThat(huge.length()).isGreaterThan(8 * 1024);
    assertThat(hs256.verify(huge)).isEqualTo(JwtRefusal.TOKEN_TOO_LARGE.result());
    assertThat(hs256.verify("a".repeat(100_000))).isEqualTo(JwtRefusal.TOKEN_TOO_LARGE.result());
    JwtAuthenticator roomy = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).maxTokenLength(16 * 1024).build();
    assertThat(roomy.verify(huge)).isInstanceOf(AuthResult.Accepted.class);
  }

  @Test
  void refusalMessagesNeverContainTheTokenOrTheSecret() {
    String secretText = new String(Tokens.SECRET, StandardCharsets.US_ASCII);
    for (JwtRefusal refusal : JwtRefusal.values()) {
      assertThat(refusal.message()).doesNotContain(secretText);
      assertThat(refusal.message().getBytes(StandardCharsets.UTF_8).length)
          .as("close reasons are limited to 123 bytes").isLessThan(123);
      assertThat(refusal.code()).matches("[a-z_]+");
    }
    String token = Tokens.hs256(Tokens.claims("u", NOW.minusSeconds(3600)).build());
    AuthResult.Refused refused = (AuthResult.Refused) hs256.verify(token);
    assertThat(refused.reason()).doesNotContain(token).doesNotContain("u name");
  }
}
