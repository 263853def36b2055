package dev.realtime.examples;

/** One runnable example: it adds its hubs, endpoints and page to the server it is given. */
public interface Example {

  /** Wires the example into {@code context}; called once before the servers start. */
  void configure(ExampleContext context) throws Exception;

  /** Releases what the example started (schedulers, generators); called on shutdown. */
  default void close() {}
}
