package dev.realtime.examples.http;

/**
 * Answers one HTTP request: a page, a REST call. Runs on the HTTP server's worker threads (the
 * JDK server's, or Netty's REST executor, never an event loop), so it may take a moment.
 */
@FunctionalInterface
public interface Handler {
  /** Handles {@code request}; an exception answers 500 without leaking details. */
  Response handle(Request request) throws Exception;
}
