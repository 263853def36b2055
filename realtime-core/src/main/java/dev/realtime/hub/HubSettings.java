package dev.realtime.hub;

import java.util.Objects;

/**
 * Limits a hub applies to every client.
 *
 * @param maxQueuedBytes outbound bytes a client may have waiting before the policy applies
 * @param maxQueuedMessages outbound messages a client may have waiting before the policy applies
 * @param slowConsumerPolicy what happens to a message that would exceed either limit
 * @param rateLimit how fast a client may send, or {@link RateLimit#UNLIMITED}
 * @param maxRoomsPerClient how many rooms one connection may be in at once
 */
public record HubSettings(
    long maxQueuedBytes,
    int maxQueuedMessages,
    SlowConsumerPolicy slowConsumerPolicy,
    RateLimit rateLimit,
    int maxRoomsPerClient) {

  /** 1 MiB and 1,024 queued messages, disconnect; 50 messages/s with bursts of 100; 100 rooms. */
  public static final HubSettings DEFAULTS =
      new HubSettings(1024 * 1024, 1024, SlowConsumerPolicy.DISCONNECT, RateLimit.DEFAULT, 100);

  /** Validates the limits. */
  public HubSettings {
    if (maxQueuedBytes <= 0) {
      throw new IllegalArgumentException("maxQueuedBytes must be positive");
    }
    if (maxQueuedMessages <= 0) {
      throw new IllegalArgumentException("maxQueuedMessages must be positive");
    }
    Objects.requireNonNull(slowConsumerPolicy, "slowConsumerPolicy");
    Objects.requireNonNull(rateLimit, "rateLimit");
    if (maxRoomsPerClient <= 0) {
      throw new IllegalArgumentException("maxRoomsPerClient must be positive");
    }
  }

  /** A copy with another byte limit. */
  public HubSettings withMaxQueuedBytes(long bytes) {
    return new HubSettings(bytes, maxQueuedMessages, slowConsumerPolicy, rateLimit, maxRoomsPerClient);
  }

  /** A copy with another message limit. */
  public HubSettings withMaxQueuedMessages(int messages) {
    return new HubSettings(maxQueuedBytes, messages, slowConsumerPolicy, rateLimit, maxRoomsPerClient);
  }

  /** A copy with another policy. */
  public HubSettings withSlowConsumerPolicy(SlowConsumerPolicy policy) {
    return new HubSettings(maxQueuedBytes, maxQueuedMessages, policy, rateLimit, maxRoomsPerClient);
  }

  /** A copy with another inbound rate limit. */
  public HubSettings withRateLimit(RateLimit limit) {
    return new HubSettings(maxQueuedBytes, maxQueuedMessages, slowConsumerPolicy, limit, maxRoomsPerClient);
  }

  /** A copy with another room limit. */
  public HubSettings withMaxRoomsPerClient(int rooms) {
    return new HubSettings(maxQueuedBytes, maxQueuedMessages, slowConsumerPolicy, rateLimit, rooms);
  }
}
