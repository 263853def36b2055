package dev.realtime.examples.dashboard;

import dev.realtime.hub.Client;
import dev.realtime.transport.OutboundMessage;
import java.util.EnumSet;
import java.util.Set;

/**
 * One dashboard client's subscriptions and its "latest pending" slot.
 *
 * <p>Samples are lossy: while the client still has messages waiting in its outbound queue, a new
 * sample is parked in the slot instead of queued, replacing any older parked one. The slot is sent
 * as soon as the queue has drained, so a slow client's queue stays bounded and the newest sample
 * always gets through. One lock per client keeps the samples in order between the sampling thread
 * and the drain timer.
 */
final class ClientFeed {
  /** What {@link #offer} did with a sample. */
  enum Offer {
    /** Handed to the transport at once. */
    SENT,
    /** Parked in the empty slot until the queue drains. */
    PARKED,
    /** Parked, replacing (dropping) an older parked sample. */
    REPLACED
  }

  private final Client client;
  private Set<Topic> topics = Topic.ALL;
  private boolean chosen;
  private OutboundMessage parked;

  ClientFeed(Client client) {
    this.client = client;
  }

  Client client() {
    return client;
  }

  synchronized Set<Topic> topics() {
    return topics;
  }

  /** Adds topics; the first subscription replaces the implicit "everything" of a new client. */
  synchronized Set<Topic> subscribe(Set<Topic> more) {
    EnumSet<Topic> next = EnumSet.noneOf(Topic.class);
    if (chosen) {
      next.addAll(topics);
    }
    next.addAll(more);
    chosen = true;
    topics = Set.copyOf(next);
    return topics;
  }

  /** Removes topics. */
  synchronized Set<Topic> unsubscribe(Set<Topic> less) {
    EnumSet<Topic> next = EnumSet.noneOf(Topic.class);
    next.addAll(topics);
    next.removeAll(less);
    chosen = true;
    topics = Set.copyOf(next);
    return topics;
  }

  /** Sends an event that must not be lost (initial data, alerts, answers) under the hub's policy. */
  synchronized boolean sendEvent(OutboundMessage message) {
    return client.send(message);
  }

  /** Sends a sample now if nothing is waiting, else parks it as the newest. */
  synchronized Offer offer(OutboundMessage sample) {
    if (parked == null && client.queuedMessages() == 0) {
      client.sendLossy(sample);
      return Offer.SENT;
    }
    boolean replaced = parked != null;
    parked = sample;
    return replaced ? Offer.REPLACED : Offer.PARKED;
  }

  /** Sends the parked sample if the queue has drained; returns whether one is still parked. */
  synchronized boolean drain() {
    if (parked != null && client.queuedMessages() == 0) {
      client.sendLossy(parked);
      parked = null;
    }
    return parked != null;
  }

  synchronized boolean hasParked() {
    return parked != null;
  }
}
