package dev.realtime.protocol;

/** The close codes this library sends; see {@code docs/protocol.md} for when each is used. */
public final class CloseCodes {
  private CloseCodes() {}

  /** The session ended normally. */
  public static final int NORMAL = 1000;
  /** The server is shutting down or the client navigated away. */
  public static final int GOING_AWAY = 1001;
  /** The endpoint received a frame type it does not accept (binary where text is expected). */
  public static final int UNSUPPORTED_DATA = 1003;
  /** The connection dropped without a close frame (never sent, only reported). */
  public static final int ABNORMAL = 1006;
  /** A text frame was not valid UTF-8. */
  public static final int INVALID_PAYLOAD = 1007;
  /** A policy was violated: origin, authentication, abuse. */
  public static final int POLICY_VIOLATION = 1008;
  /** A message exceeded the maximum inbound size. */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** The server hit an unexpected condition. */
  public static final int INTERNAL_ERROR = 1011;
  /** Overload: the server is full or the client could not keep up with its messages. */
  public static final int TRY_AGAIN_LATER = 1013;
  /** No valid credentials: the client must obtain a token before reconnecting. */
  public static final int UNAUTHORIZED = 4001;
  /** The session's token expired and was not refreshed in time. */
  public static final int TOKEN_EXPIRED = 4002;
  /** The credentials are valid but not allowed here. */
  public static final int FORBIDDEN = 4003;
}
