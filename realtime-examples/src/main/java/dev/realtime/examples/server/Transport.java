package dev.realtime.examples.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which transport serves an example, and so how many ports it uses. */
public enum Transport {
  /** Netty: page, REST, {@code /metrics} and WebSocket on one port (the default). */
  NETTY("netty"),
  /** Java-WebSocket for WebSockets beside the JDK's HTTP server: two ports. */
  JAVAWS("javaws");

  private final String option;

  Transport(String option) {
    this.option = option;
  }

  /** The name used on the command line ({@code --transport netty}). */
  public String option() {
    return option;
  }

  /** The transport named {@code name} on the command line, if there is one. */
  public static Optional<Transport> named(String name) {
    return Arrays.stream(values()).filter(t -> t.option.equals(name.toLowerCase(Locale.ROOT))).findFirst();
  }
}
