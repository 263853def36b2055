package dev.realtime.broker;

/**
 * The broker cannot be reached now (disconnected, or no answer within the command timeout).
 *
 * <p>The sender of a publish that fails with it should be told (the hub answers {@code
 * {"type":"error","code":"unavailable",…}}). Normally nothing was published; after a timeout the
 * broker may still have run it, so retry with the same idempotency key: a publish that did go
 * through answers {@link PublishResult#duplicate() duplicate} instead of appearing twice.
 */
public class BrokerUnavailableException extends BrokerException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and the cause. */
  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a message. */
  public BrokerUnavailableException(String message) {
    super(message);
  }
}
