package dev.realtime.examples.server;

/**
 * A setting from the environment (not the command line, which refuses bad values with the usage)
 * cannot be used; the message is one line for the user naming the variable and why:
 * {@code ANALYTICS_HEARTBEAT_SECONDS: the heartbeat interval is 0.001 to 3600 seconds: '0'}.
 */
public final class BadSettingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The variable {@code name} could not be used, for the reason {@code cause} gives. */
  public BadSettingException(String name, Throwable cause) {
    super(name + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
  }
}
