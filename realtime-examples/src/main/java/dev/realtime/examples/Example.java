package dev.realtime.examples;

/** One runnable example: it adds its hubs, endpoints and page to the server it is given. */
public interface Example {

  /** Wires the example into {@code context}; called once before the servers start. */
  void configure(ExampleContext context) throws Exception;

  /**
   * Called once the server listens, before the start banner: where to log what a user should know
   * about a running example (not in {@link #configure}, which runs before the port is bound).
   */
  default void started() {}

  /** Releases what the example started (schedulers, generators); called on shutdown. */
  default void close() {}
}
