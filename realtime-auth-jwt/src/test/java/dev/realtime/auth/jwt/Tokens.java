package dev.realtime.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.realtime.transport.Handshake;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Builds tokens (good and bad) and handshakes for the tests. */
final class Tokens {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50000);

  private Tokens() {}

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static JWTClaimsSet.Builder claims(String subject, Instant expiresAt) {
    return new JWTClaimsSet.Builder().subject(subject).claim("username", subject + " name")
        .expirationTime(Date.from(expiresAt));
  }

  static String hs256(JWTClaimsSet claims) {
    return hs256(claims, SECRET);
  }

  static String hs256(JWTClaimsSet claims, byte[] secret) {
    try {
      return sign(JWSAlgorithm.HS256, new MACSigner(secret), claims);
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  static String rs256(JWTClaimsSet claims, KeyPair keys) {
    return sign(JWSAlgorithm.RS256, new RSASSASigner(keys.getPrivate()), claims);
  }

  static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
    return jwt.serialize();
  }

  /** An unsigned token, as an attacker would craft it: header {@code alg: none}, empty signature. */
  static String unsigned(JWTClaimsSet claims) {
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims.toString()) + ".";
  }

  static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static Handshake handshake(String target) {
    return Handshake.of(target, Map.of(), PEER);
  }

  static Handshake handshake(String target, String subprotocolHeader) {
    return Handshake.of(target, Map.of("Sec-WebSocket-Protocol", subprotocolHeader), PEER);
  }
}
