package dev.realtime.examples.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every example response carries, on either server: user text can never become code
 * in a page (no sniffing, no inline script), pages are revalidated, and no referrer leaks.
 */
public final class SecurityHeaders {
  /**
   * Scripts, styles and images from the page's own origin only, never inline. {@code connect-src}
   * allows the page's own origin (its same-port WebSocket on the one-port layout) and {@code ws:}/
   * {@code wss:}, which the two-port layout needs: another port is another origin.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self' ws: wss:; media-src 'self' data:; object-src 'none'; "
          + "base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** The headers, by name, in the order they are sent; a response's own headers may override them. */
  public static Map<String, String> all() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("Cache-Control", "no-cache");
    headers.put("Referrer-Policy", "no-referrer");
    return headers;
  }
}
