package dev.realtime.protocol;

/** The {@code code} values of error frames the core sends; applications may add their own. */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** The text frame was not valid JSON. */
  public static final String INVALID_JSON = "invalid_json";
  /** The JSON value was not an object. */
  public static final String NOT_AN_OBJECT = "not_an_object";
  /** The object had no {@code type}, or it was not a string. */
  public static final String MISSING_TYPE = "missing_type";
  /** No handler is registered for the {@code type}. */
  public static final String UNKNOWN_TYPE = "unknown_type";
  /** A field was missing, of the wrong type or out of range. */
  public static final String INVALID_MESSAGE = "invalid_message";
  /** The request is valid but not allowed in the client's state (for example, not in the room). */
  public static final String FORBIDDEN = "forbidden";
  /**
   * The message could not be delivered because the cluster's broker cannot be reached now; nobody
   * got it, and the client may send it again later. The connection stays open.
   */
  public static final String UNAVAILABLE = "unavailable";
  /** A handler failed unexpectedly; the connection stays open. */
  public static final String INTERNAL_ERROR = "internal_error";
}
