package dev.realtime.examples.analytics.model;

/** A producer's event was refused; the message says why, fit to answer the producer. */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal for {@code reason}. */
  public InvalidEventException(String reason) {
    super(reason);
  }
}
