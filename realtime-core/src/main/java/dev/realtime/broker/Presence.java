package dev.realtime.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who is on a channel across every node.
 *
 * <p>Entries a node adds stay while the node lives: the broker refreshes them, drops them at once
 * when the node closes gracefully, and lets them expire within the presence TTL when the node dies
 * without closing.
 */
public interface Presence {

  /** Adds or replaces a client's entry on a channel. */
  CompletableFuture<Void> add(String channel, PresenceInfo info);

  /** Removes a client's entry from a channel; nothing happens when it is absent. */
  CompletableFuture<Void> remove(String channel, String clientId);

  /** Returns the live entries of a channel, ordered by client id. */
  CompletableFuture<List<PresenceInfo>> list(String channel);

  /** Returns how many live entries a channel has, without transferring them. */
  CompletableFuture<Long> count(String channel);
}
