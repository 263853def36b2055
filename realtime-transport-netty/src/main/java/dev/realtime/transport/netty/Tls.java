package dev.realtime.transport.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server certificate and key for {@code wss://} and {@code https://}.
 *
 * <p>Production deployments load a PEM certificate chain and a PKCS#8 PEM private key ({@link
 * #fromPem}); development can generate a self-signed certificate ({@link #selfSigned}), which needs
 * BouncyCastle's {@code bcpkix-jdk18on} on the class path.
 */
public final class Tls {
  private final List<X509Certificate> chain;
  private final SslContext context;

  private Tls(List<X509Certificate> chain, SslContext context) {
    this.chain = List.copyOf(chain);
    this.context = context;
  }

  /** Loads a PEM certificate chain (leaf first) and an unencrypted PKCS#8 PEM private key. */
  public static Tls fromPem(Path certificateChain, Path privateKey) throws IOException {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    try (InputStream chain = Files.newInputStream(certificateChain);
        InputStream key = Files.newInputStream(privateKey)) {
      SslContext context = SslContextBuilder.forServer(chain, key).build();
      return new Tls(List.of(), context);
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException("could not load TLS key and certificate from " + certificateChain
          + " and " + privateKey + ": " + e.getMessage(), e);
    }
  }

  /**
   * Generates a self-signed certificate for {@code hostname} (also valid for {@code localhost} and
   * 127.0.0.1), for development only: browsers warn about it and clients must trust it explicitly
   * ({@link #clientContext()}).
   */
  public static Tls selfSigned(String hostname) throws IOException {
    Objects.requireNonNull(hostname, "hostname");
    try {
      SelfSignedCertificates.Generated generated = SelfSignedCertificates.generate(hostname);
      SslContext context = SslContextBuilder.forServer(generated.key(), generated.certificate()).build();
      return new Tls(List.of(generated.certificate()), context);
    } catch (GeneralSecurityException | SSLException e) {
      throw new IOException("could not generate a self-signed certificate: " + e.getMessage(), e);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(
          "self-signed certificates need org.bouncycastle:bcpkix-jdk18on on the class path", e);
    }
  }

  /** The certificate chain of a self-signed certificate (empty for certificates loaded from PEM). */
  public List<X509Certificate> certificates() {
    return chain;
  }

  /**
   * A client {@link SSLContext} that trusts exactly this self-signed certificate, for tests and
   * tools that talk to a development server.
   */
  public SSLContext clientContext() throws GeneralSecurityException, IOException {
    if (chain.isEmpty()) {
      throw new IllegalStateException("only a self-signed Tls knows its certificate");
    }
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("server", chain.get(0));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  SslContext sslContext() {
    return context;
  }
}
