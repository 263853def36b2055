package dev.realtime.hub;

/**
 * One client's token buckets: one for messages, one for refusals (to detect sustained abuse).
 *
 * <p>Guarded by its own monitor; a transport delivers one connection's messages one at a time, so
 * it is never contended in practice.
 */
final class InboundThrottle {
  /** What to do with an inbound message. */
  enum Verdict { ACCEPT, REFUSE, ABUSE }

  private final RateLimit limit;
  private double tokens;
  private double strikes;
  private long lastRefill;

  InboundThrottle(RateLimit limit, long nowNanos) {
    this.limit = limit;
    this.tokens = limit.burst();
    this.strikes = limit.burst();
    this.lastRefill = nowNanos;
  }

  synchronized Verdict onMessage(long nowNanos) {
    if (limit.unlimited()) {
      return Verdict.ACCEPT;
    }
    double seconds = Math.max(0, nowNanos - lastRefill) / 1e9;
    lastRefill = nowNanos;
    tokens = Math.min(limit.burst(), tokens + seconds * limit.messagesPerSecond());
    strikes = Math.min(limit.burst(), strikes + seconds * limit.messagesPerSecond());
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    strikes -= 1;
    return strikes < 0 ? Verdict.ABUSE : Verdict.REFUSE;
  }
}
