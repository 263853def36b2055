package dev.realtime.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.security.interfaces.RSAPublicKey;

/**
 * The one algorithm a {@link JwtAuthenticator} accepts and the verifier for its key.
 *
 * <p>Binding the key to a single algorithm is what defeats key confusion: an RS256 public key is
 * never used as an HMAC secret, because an HS256 header is refused before any verifier runs.
 *
 * @param algorithm the only accepted {@code alg}
 * @param verifier nimbus's verifier for the key (thread-safe)
 */
record VerificationKey(JWSAlgorithm algorithm, JWSVerifier verifier) {
  /** The shortest HMAC secret accepted: RFC 7518 requires a key as long as the hash. */
  static final int MIN_HMAC_SECRET_BYTES = 32;
  /** The smallest RSA modulus accepted, as RFC 7518 requires. */
  static final int MIN_RSA_BITS = 2048;

  static VerificationKey hs256(byte[] secret) {
    if (secret.length < MIN_HMAC_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "an HS256 secret needs at least 256 bits (32 bytes), got " + secret.length * 8 + " bits");
    }
    try {
      return new VerificationKey(JWSAlgorithm.HS256, new MACVerifier(secret.clone()));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable HS256 secret", e);
    }
  }

  static VerificationKey rs256(RSAPublicKey publicKey) {
    int bits = publicKey.getModulus().bitLength();
    if (bits < MIN_RSA_BITS) {
      throw new IllegalArgumentException("an RS256 key needs at least 2048 bits, got " + bits);
    }
    return new VerificationKey(JWSAlgorithm.RS256, new RSASSAVerifier(publicKey));
  }
}
