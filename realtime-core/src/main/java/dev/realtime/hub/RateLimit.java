package dev.realtime.hub;

/**
 * A per-client token bucket on inbound messages.
 *
 * <p>A client may send {@code burst} messages at once and {@code messagesPerSecond} on average.
 * A message beyond that is not handled: it is answered with a {@code rate_limited} error frame.
 * A client that keeps going — {@code burst} refused messages more than the same bucket would
 * forgive — is abusive and is closed with 1008.
 *
 * @param messagesPerSecond the sustained rate
 * @param burst how many messages may arrive back to back
 */
public record RateLimit(double messagesPerSecond, int burst) {
  /** 50 messages per second, bursts of 100. */
  public static final RateLimit DEFAULT = new RateLimit(50, 100);
  /** No limit. */
  public static final RateLimit UNLIMITED = new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

  /** Validates the numbers. */
  public RateLimit {
    if (!(messagesPerSecond > 0)) {
      throw new IllegalArgumentException("messagesPerSecond must be positive");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1");
    }
  }

  boolean unlimited() {
    return Double.isInfinite(messagesPerSecond);
  }
}
