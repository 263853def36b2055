package dev.realtime.broker;

import java.util.Objects;
import java.util.Optional;

/**
 * How one publication is made.
 *
 * @param history whether the publication is kept in the channel's history: it then gets the next
 *     offset, can be recovered, and is delivered in offset order with gaps filled; a publication
 *     outside history carries the stream's current position, is delivered at most once and is never
 *     recovered (for lossy feeds)
 * @param idempotencyKey a key unique to this publication within the broker's idempotency window; a
 *     second publish with the same key on the same channel is neither stored nor delivered again and
 *     answers the first one's position
 * @param excludedClient a client id the receiving nodes should skip (the sender of a broadcast)
 */
public record PublishOptions(
    boolean history, Optional<String> idempotencyKey, Optional<String> excludedClient) {

  private static final PublishOptions DEFAULTS =
      new PublishOptions(true, Optional.empty(), Optional.empty());

  /** Validates the components. */
  public PublishOptions {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(excludedClient, "excludedClient");
    idempotencyKey.ifPresent(key -> requireToken(key, "idempotencyKey"));
    excludedClient.ifPresent(id -> requireToken(id, "excludedClient"));
  }

  /** Returns the defaults: kept in history, no idempotency key, nobody excluded. */
  public static PublishOptions defaults() {
    return DEFAULTS;
  }

  /** Returns these options with history on or off. */
  public PublishOptions withHistory(boolean keep) {
    return new PublishOptions(keep, idempotencyKey, excludedClient);
  }

  /** Returns these options with an idempotency key, so a replayed publish is harmless. */
  public PublishOptions withIdempotencyKey(String key) {
    return new PublishOptions(history, Optional.of(key), excludedClient);
  }

  /** Returns these options excluding one client from delivery. */
  public PublishOptions excluding(String clientId) {
    return new PublishOptions(history, idempotencyKey, Optional.of(clientId));
  }

  private static void requireToken(String value, String name) {
    if (value.isEmpty() || value.length() > 256) {
      throw new IllegalArgumentException(name + " must have 1 to 256 characters");
    }
  }
}
