package dev.realtime.transport.netty.http;

/**
 * Answers HTTP requests to one path; runs on the server's small REST executor, never on an event
 * loop, so a slow handler delays only requests, never sockets.
 */
@FunctionalInterface
public interface RestHandler {

  /** Handles {@code request}; an exception answers 500 without leaking its details. */
  RestResponse handle(RestRequest request) throws Exception;
}
