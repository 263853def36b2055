package dev.realtime.examples.server;

import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/**
 * A port an example needs could not be bound; the message is one line that names the address,
 * the port and the option that chose it, fit for a user: {@code cannot listen on 0.0.0.0:8080
 * (--port): the port is already in use}.
 */
public final class CannotListenException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int port;

  /** The failure to bind {@code host:port}, the port given by {@code option}. */
  public CannotListenException(String host, int port, String option, Throwable cause) {
    super("cannot listen on " + host + ":" + port + " (" + option + "): " + reason(cause), cause);
    this.port = port;
  }

  /** The port that could not be bound. */
  public int port() {
    return port;
  }

  private static String reason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("address already in use")) {
        return "the port is already in use";
      }
      if (message.contains("permission denied") || message.contains("access denied")) {
        return "permission denied (ports below 1024 need privileges)";
      }
      if (message.contains("cannot assign requested address")) {
        return "this machine has no such address";
      }
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root instanceof BindException || message == null ? "the address cannot be bound" : message.lines().findFirst().orElse(message);
  }
}
