package dev.realtime.broker.redis;

import dev.realtime.broker.BrokerException;
import dev.realtime.broker.BrokerUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what Lettuce fails with into the broker SPI's exceptions. */
final class Failures {

  /** Error replies that mean "not now" rather than "wrong": the server is there but cannot serve. */
  private static final List<String> TRANSIENT_REPLIES =
      List.of("LOADING", "BUSY", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "MOVED", "ASK");

  private Failures() {}

  static BrokerException translate(String operation, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof BrokerException broker) {
      return broker;
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return new BrokerUnavailableException(operation + ": Redis did not answer in time", cause);
    }
    if (cause instanceof RedisCommandExecutionException) {
      String message = String.valueOf(cause.getMessage());
      for (String reply : TRANSIENT_REPLIES) {
        if (message.startsWith(reply)) {
          return new BrokerUnavailableException(operation + ": Redis cannot serve now: " + message, cause);
        }
      }
      return new BrokerException(operation + ": Redis refused: " + message, cause);
    }
    // Everything else is about the connection: not connected, disconnected mid-command, closed.
    return new BrokerUnavailableException(operation + ": Redis unavailable: " + cause.getMessage(), cause);
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) {
      return new BrokerUnavailableException("command cancelled: the connection was lost", cause);
    }
    return cause;
  }
}
