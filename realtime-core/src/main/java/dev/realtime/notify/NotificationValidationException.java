package dev.realtime.notify;

import java.util.Objects;

/**
 * A notification, filter or query was rejected; {@link #field()} names the offending wire field.
 */
public final class NotificationValidationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /** Creates an exception whose message is {@code "field: problem"}. */
  public NotificationValidationException(String field, String problem) {
    super(
        Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
    this.field = field;
  }

  /**
   * Returns the wire name of the field that failed, such as {@code "title"} or {@code "priority"}.
   */
  public String field() {
    return field;
  }
}
