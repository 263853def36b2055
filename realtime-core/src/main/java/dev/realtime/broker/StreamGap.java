package dev.realtime.broker;

import java.util.Objects;

/**
 * Publications a node missed on a channel and could not get back from history.
 *
 * <p>Every publication after {@code lastDelivered} up to and including {@code resumedAfter} may
 * have been missed; delivery goes on with the publications after {@code resumedAfter}. Clients of
 * that channel must be told their view may be incomplete (for the recovery protocol: {@code
 * "recovered": false}, so the application resyncs).
 *
 * @param channel the channel
 * @param lastDelivered the last position delivered to the node before the gap
 * @param resumedAfter the position delivery continues after, in the stream's current epoch
 * @param reason why history could not fill the gap
 */
public record StreamGap(
    String channel, StreamPosition lastDelivered, StreamPosition resumedAfter, Reason reason) {

  /** Validates the components. */
  public StreamGap {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(lastDelivered, "lastDelivered");
    Objects.requireNonNull(resumedAfter, "resumedAfter");
    Objects.requireNonNull(reason, "reason");
  }

  /** Why missed publications cannot be recovered. */
  public enum Reason {
    /** The stream was lost and started again in a new epoch (or the position was never valid). */
    EPOCH_CHANGED,
    /** History no longer holds them: trimmed to its size, older than its age, or expired. */
    HISTORY_TRIMMED,
    /** More were missed than the caller's limit allows. */
    LIMIT_EXCEEDED
  }
}
