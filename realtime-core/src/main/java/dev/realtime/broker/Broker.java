package dev.realtime.broker;

import java.util.concurrent.CompletableFuture;

/**
 * Carries a hub's publications to every node: per-channel streams with positions and bounded
 * history, this node's subscriptions, and cluster-wide presence.
 *
 * <p>Channels are names the hub chooses (it namespaces them by hub name and room, user or the
 * whole hub). A publication kept in history gets the channel's next offset; every node subscribed
 * to the channel receives it once, in offset order, with gaps filled from history. A node
 * subscribes to a channel while it has local members of it.
 *
 * <p>Lifecycle: {@link #start()} once before use, {@link #close()} at the end (it removes this
 * node's presence at once). Operations never block the caller: they answer futures that fail with
 * {@link BrokerUnavailableException} when the broker cannot be reached, within its timeouts. All
 * methods are thread-safe and reject nulls.
 */
public interface Broker extends AutoCloseable {

  /** The most publications one {@link #history} call returns; larger limits are rejected. */
  int MAX_HISTORY_LIMIT = 10_000;

  /** Returns the id of this node, as it appears in {@link PresenceInfo#nodeId()}. */
  String nodeId();

  /**
   * Starts the broker (connects, for a remote one).
   *
   * @throws BrokerUnavailableException if it cannot connect within its timeout
   */
  void start();

  /**
   * Publishes {@code payload} to a channel.
   *
   * @return the publication's position, or a failure: {@link BrokerUnavailableException} when the
   *     broker cannot be reached (the sender must be told)
   */
  CompletableFuture<PublishResult> publish(String channel, byte[] payload, PublishOptions options);

  /**
   * Subscribes this node to a channel, delivering its publications to {@code listener} until
   * {@link #unsubscribe}. Subscribing again with the same listener changes nothing.
   *
   * @return the stream position from which on every publication reaches the listener; if it fails
   *     (broker unavailable) the subscription stays registered and becomes live once the broker is
   *     back
   * @throws IllegalStateException if the channel is subscribed with another listener
   */
  CompletableFuture<StreamPosition> subscribe(String channel, ChannelListener listener);

  /** Ends this node's subscription to a channel; nothing happens when it was not subscribed. */
  CompletableFuture<Void> unsubscribe(String channel);

  /**
   * Returns what a channel published after {@code since}, for a client resuming from there.
   *
   * <p>Recovered only when the epoch is the same, no more than {@code limit} publications were
   * missed, and history still holds every one of them; otherwise nothing is returned and the
   * reason says why (the recovery is all or nothing).
   *
   * @param limit the most publications to return, 0 to {@link #MAX_HISTORY_LIMIT}
   */
  CompletableFuture<History> history(String channel, StreamPosition since, int limit);

  /** Returns a channel's current position, starting its epoch if the channel is new. */
  CompletableFuture<StreamPosition> position(String channel);

  /** Returns the cluster-wide presence of channels. */
  Presence presence();

  /** Returns whether the broker is connected now. */
  State state();

  /** Adds a listener for connection state changes, called on a broker thread. */
  void addStateListener(BrokerStateListener listener);

  /** Removes this node's presence, ends its subscriptions and releases its resources. */
  @Override
  void close();

  /** Whether a broker is connected. */
  enum State {
    /** Connected: publishes and subscriptions work across nodes. */
    UP,
    /** Not connected: publishes fail fast; subscriptions resume and fill gaps once back up. */
    DOWN
  }
}
