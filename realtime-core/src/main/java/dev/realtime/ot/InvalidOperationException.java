package dev.realtime.ot;

/** Thrown when an operation is malformed or does not fit the content or revision it is applied to. */
public class InvalidOperationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidOperationException(String message) {
    super(message);
  }
}
