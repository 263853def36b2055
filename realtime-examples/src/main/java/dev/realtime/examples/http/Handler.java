package dev.realtime.examples.http;

/** Answers one HTTP request; runs on the web server's worker threads. */
@FunctionalInterface
public interface Endpoint {
  /** Handles {@code request}; an exception answers 500 without leaking details. */
  Response handle(Request request) throws Exception;
}
