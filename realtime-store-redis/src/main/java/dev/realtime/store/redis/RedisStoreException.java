package dev.realtime.store.redis;

/**
 * A Redis store could not do what was asked: Redis unreachable, too slow to answer (then a write
 * may still have happened: repeating it is safe), or refusing the command.
 */
public final class RedisStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RedisStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
