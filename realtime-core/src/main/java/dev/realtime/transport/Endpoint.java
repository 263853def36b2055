package dev.realtime.transport;

/**
 * Something a transport can route connections to: it hands out the listener that receives them.
 *
 * <p>A {@code Hub} is an endpoint; so is every {@link ConnectionListener} (it returns itself), so
 * tests and adapters can route a bare listener. Transports call {@link #listener()} once, when the
 * route is added.
 */
@FunctionalInterface
public interface Endpoint {

  /** The listener that receives this endpoint's connections. */
  ConnectionListener listener();
}
