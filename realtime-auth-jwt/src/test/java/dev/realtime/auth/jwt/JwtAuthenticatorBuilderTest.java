package dev.realtime.auth.jwt;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder refuses weak keys, ambiguous algorithms and unbounded skew. */
class JwtAuthenticatorBuilderTest {

  @Test
  void anHmacSecretShorterThan256BitsIsRefused() {
    assertThatThrownBy(() -> JwtAuthenticator.builder().hs256(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bits");
    assertThatThrownBy(() -> JwtIssuer.hs256(new byte[16], java.time.Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> JwtAuthenticator.builder().hs256(new byte[32]).build()).doesNotThrowAnyException();
  }

  @Test
  void anRsaKeyShorterThan2048BitsIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    RSAPublicKey weak = (RSAPublicKey) generator.generateKeyPair().getPublic();
    assertThatThrownBy(() -> JwtAuthenticator.builder().rs256(weak))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
  }

  @Test
  void exactlyOneAlgorithmMustBeConfigured() {
    assertThatThrownBy(() -> JwtAuthenticator.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("configure an algorithm");
    RSAPublicKey key = (RSAPublicKey) Tokens.rsaKeyPair().getPublic();
    assertThatThrownBy(() -> JwtAuthenticator.builder().hs256(Tokens.SECRET).rs256(key))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
  }

  @Test
  void clockSkewIsBounded() {
    assertThatThrownBy(() -> JwtAuthenticator.builder().clockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtAuthenticator.builder().clockSkew(Duration.ofMinutes(5).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> JwtAuthenticator.builder().clockSkew(Duration.ofMinutes(5))).doesNotThrowAnyException();
    assertThatCode(() -> JwtAuthenticator.builder().clockSkew(Duration.ZERO)).doesNotThrowAnyException();
  }

  @Test
  void atLeastOneTokenSourceAndSaneLimits() {
    assertThatThrownBy(() -> JwtAuthenticator.builder().hs256(Tokens.SECRET).queryTokens(false).subprotocolTokens(false).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwtAuthenticator.builder().maxTokenLength(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtAuthenticator.builder().issuer(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSecretIsCopiedSoLaterChangesDoNotWeakenIt() {
    byte[] secret = Tokens.SECRET.clone();
    JwtAuthenticator authenticator = JwtAuthenticator.builder().hs256(secret).build();
    java.util.Arrays.fill(secret, (byte) 0);
    String token = Tokens.hs256(Tokens.claims("u", java.time.Instant.now().plusSeconds(60)).build());
    org.assertj.core.api.Assertions.assertThat(authenticator.verify(token))
        .isInstanceOf(dev.realtime.auth.AuthResult.Accepted.class);
  }
}
