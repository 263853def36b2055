package dev.realtime.broker;

/** A broker operation failed for a reason other than the broker being unreachable. */
public class BrokerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and the cause. */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a message. */
  public BrokerException(String message) {
    super(message);
  }
}
