package dev.realtime.auth;

import dev.realtime.transport.Handshake;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page origins may open a WebSocket, checked before the upgrade.
 *
 * <p>Browsers always send {@code Origin} on a WebSocket handshake and let any page open a socket
 * to any host, with the user's cookies: without this check a page on another site could act as
 * the user (cross-site WebSocket hijacking). Entries are exact origins ({@code
 * https://app.example.com}, {@code http://localhost:8080}) or host patterns ({@code
 * https://*.example.com}, which matches subdomains but not the bare domain). Non-browser clients
 * send no {@code Origin}; {@link #allowMissingOrigin} decides about them.
 */
public final class OriginPolicy {
  private final List<Entry> entries;
  private final List<Integer> sameHostPorts;
  private final boolean allowMissing;
  private final boolean allowAll;

  private record Entry(String scheme, String hostPattern, int port) {}

  private OriginPolicy(List<Entry> entries, List<Integer> sameHostPorts, boolean allowMissing, boolean allowAll) {
    this.entries = List.copyOf(entries);
    this.sameHostPorts = List.copyOf(sameHostPorts);
    this.allowMissing = allowMissing;
    this.allowAll = allowAll;
  }

  /** Allows every origin: only for development and for servers that never use cookies. */
  public static OriginPolicy allowAll() {
    return new OriginPolicy(List.of(), List.of(), true, true);
  }

  /** Allows exactly the listed origins and patterns, and clients that send no origin. */
  public static OriginPolicy allowing(String... origins) {
    List<Entry> entries = new ArrayList<>();
    for (String origin : origins) {
      entries.add(parse(origin));
    }
    return new OriginPolicy(entries, List.of(), true, false);
  }

  /**
   * A copy that also allows pages served by this same host on {@code port}: the origin's host must
   * equal the host the client addressed in its handshake ({@code Host}). This is how a server that
   * serves its page on one port and its WebSocket on another accepts its own page from any
   * address it is reached by, and nothing else.
   */
  public OriginPolicy withSameHost(int port) {
    List<Integer> ports = new ArrayList<>(sameHostPorts);
    ports.add(port);
    return new OriginPolicy(entries, ports, allowMissing, allowAll);
  }

  /** A copy that also decides on handshakes without an {@code Origin} header. */
  public OriginPolicy allowMissingOrigin(boolean allow) {
    return new OriginPolicy(entries, sameHostPorts, allow, allowAll);
  }

  /** Whether this handshake's {@code Origin} may open a connection. */
  public boolean allows(Handshake handshake) {
    return allows(handshake.header("Origin"), handshake.header("Host"));
  }

  /** Whether a handshake with this {@code Origin} (or none) addressed to {@code host} may proceed. */
  public boolean allows(Optional<String> origin, Optional<String> host) {
    if (allowAll) {
      return true;
    }
    if (origin.isEmpty() || origin.get().isBlank()) {
      return allowMissing;
    }
    Entry actual;
    try {
      actual = parse(origin.get().trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host.isPresent() && sameHostPorts.contains(actual.port())
        && (actual.scheme().equals("http") || actual.scheme().equals("https"))
        && actual.hostPattern().equals(hostOnly(host.get()))) {
      return true;
    }
    for (Entry entry : entries) {
      if (entry.scheme().equals(actual.scheme()) && entry.port() == actual.port()
          && hostMatches(entry.hostPattern(), actual.hostPattern())) {
        return true;
      }
    }
    return false;
  }

  private static String hostOnly(String hostHeader) {
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static boolean hostMatches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1);
      return host.endsWith(suffix) && host.length() > suffix.length();
    }
    return pattern.equals(host);
  }

  private static Entry parse(String origin) {
    Objects.requireNonNull(origin, "origin");
    String text = origin.toLowerCase(Locale.ROOT);
    boolean wildcard = text.contains("://*.");
    URI uri;
    try {
      uri = URI.create(wildcard ? text.replace("://*.", "://wildcard.") : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an origin: " + origin, e);
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (scheme == null || host == null || (uri.getPath() != null && !uri.getPath().isEmpty())
        || uri.getQuery() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
    if (wildcard) {
      host = "*." + host.substring("wildcard.".length());
    }
    return new Entry(scheme, host, port);
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }

  @Override
  public String toString() {
    return allowAll ? "OriginPolicy[any]" : "OriginPolicy" + entries + " same host on " + sameHostPorts;
  }
}
