package dev.realtime.broker;

/**
 * Receives one subscribed channel's publications on this node.
 *
 * <p>Publications kept in history arrive in offset order, each at most once; a gap (a lost pub/sub
 * message, a reconnect) is filled from history before later ones are delivered, and when it cannot
 * be, {@link #onUnrecoverableGap} says so first. Calls for one channel never overlap. They run on
 * a broker thread (the publishing thread for the in-memory broker, a delivery thread for Redis):
 * never block, and never publish from inside them.
 */
public interface ChannelListener {

  /** A publication arrived for the channel. */
  void onPublication(Publication publication);

  /** Publications were missed and cannot be recovered; delivery resumes after the gap. */
  default void onUnrecoverableGap(StreamGap gap) {}
}
