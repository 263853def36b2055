package dev.realtime.hub;

import java.util.Objects;
import java.util.Optional;

/**
 * How a room broadcast is made: whom it skips and how a repeated publish is recognised.
 *
 * @param excluded the id of a client that must not receive the frame (on whichever node it is)
 * @param idempotencyKey a key unique to this message: broadcasting again with the same key (a
 *     retry after a timeout, a client resending after a reconnect) within the broker's idempotency
 *     window delivers nothing new and answers the first broadcast's position
 */
public record BroadcastOptions(Optional<String> excluded, Optional<String> idempotencyKey) {
  private static final BroadcastOptions NONE = new BroadcastOptions(Optional.empty(), Optional.empty());

  /** Rejects nulls. */
  public BroadcastOptions {
    Objects.requireNonNull(excluded, "excluded");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /** Every member receives it; no idempotency key. */
  public static BroadcastOptions none() {
    return NONE;
  }

  /** Every member but {@code client} receives it. */
  public static BroadcastOptions excluding(Client client) {
    return NONE.withExcluded(client);
  }

  /** These options, skipping {@code client}. */
  public BroadcastOptions withExcluded(Client client) {
    return new BroadcastOptions(Optional.of(Objects.requireNonNull(client, "client").id()), idempotencyKey);
  }

  /** These options with an idempotency key (1 to 256 characters). */
  public BroadcastOptions withIdempotencyKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > 256) {
      throw new IllegalArgumentException("an idempotency key has 1 to 256 characters");
    }
    return new BroadcastOptions(excluded, Optional.of(key));
  }
}
