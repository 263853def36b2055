package dev.realtime.hub;

import java.util.Objects;

/**
 * Limits a hub applies to every client.
 *
 * @param maxQueuedBytes outbound bytes a client may have waiting before the policy applies
 * @param maxQueuedMessages outbound messages a client may have waiting before the policy applies
 * @param slowConsumerPolicy what happens to a message that would exceed either limit
 */
public record HubSettings(
    long maxQueuedBytes, int maxQueuedMessages, SlowConsumerPolicy slowConsumerPolicy) {

  /** 1 MiB, 1,024 messages, disconnect. */
  public static final HubSettings DEFAULTS =
      new HubSettings(1024 * 1024, 1024, SlowConsumerPolicy.DISCONNECT);

  /** Validates the limits. */
  public HubSettings {
    if (maxQueuedBytes <= 0) {
      throw new IllegalArgumentException("maxQueuedBytes must be positive");
    }
    if (maxQueuedMessages <= 0) {
      throw new IllegalArgumentException("maxQueuedMessages must be positive");
    }
    Objects.requireNonNull(slowConsumerPolicy, "slowConsumerPolicy");
  }

  /** A copy with another byte limit. */
  public HubSettings withMaxQueuedBytes(long bytes) {
    return new HubSettings(bytes, maxQueuedMessages, slowConsumerPolicy);
  }

  /** A copy with another message limit. */
  public HubSettings withMaxQueuedMessages(int messages) {
    return new HubSettings(maxQueuedBytes, messages, slowConsumerPolicy);
  }

  /** A copy with another policy. */
  public HubSettings withSlowConsumerPolicy(SlowConsumerPolicy policy) {
    return new HubSettings(maxQueuedBytes, maxQueuedMessages, policy);
  }
}
