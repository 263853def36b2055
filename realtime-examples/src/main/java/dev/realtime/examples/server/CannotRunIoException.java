package dev.realtime.examples.server;

import dev.realtime.transport.netty.IoMode;

/**
 * The Netty I/O implementation {@code --io-mode} asked for cannot run on this machine (its native
 * library does not load, or the kernel forbids it); the message is one line for the user: {@code
 * --io-mode io_uring cannot run here: failed to create io_uring ring fd Operation not permitted}.
 */
public final class CannotRunIoException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** {@code mode} could not start, for the reason {@code cause} gives. */
  public CannotRunIoException(IoMode mode, Throwable cause) {
    super("--io-mode " + IoModes.option(mode) + " cannot run here: " + reason(cause), cause);
  }

  /** The deepest cause's first line: Netty wraps the kernel's or loader's reason in a generic error. */
  private static String reason(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message).trim();
  }
}
