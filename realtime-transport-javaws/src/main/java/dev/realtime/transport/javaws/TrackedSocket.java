package dev.realtime.transport.javaws;

import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;

/**
 * A Java-WebSocket connection that remembers it was dropped.
 *
 * <p>Java-WebSocket 1.6.0 opens a connection on a worker thread without the socket's monitor:
 * having queued the 101 answer, the worker sets the state to OPEN and only then calls onOpen. A
 * peer that reads the answer and half-closes at once lets the selector thread see the end of
 * stream first; it drops the connection while the state is still NOT_YET_CONNECTED (no onClose,
 * as for any connection never opened) and marks it CLOSED, and the worker then overwrites that
 * with OPEN. The state alone then says open for a socket that is gone and will never be closed
 * again, so the engine asks {@link #dropped()} before it hands the connection to a listener.
 */
final class TrackedSocket extends WebSocketImpl {
  private volatile boolean dropped;

  TrackedSocket(WebSocketAdapter adapter, Draft draft) {
    super(adapter, draft);
  }

  TrackedSocket(WebSocketAdapter adapter, List<Draft> drafts) {
    super(adapter, drafts);
  }

  /** Every way the library drops a connection (end of stream, reset, timeout, close) ends here. */
  @Override
  public synchronized void closeConnection(int code, String message, boolean remote) {
    dropped = true;
    super.closeConnection(code, message, remote);
  }

  /** Whether the library has dropped this connection's socket, whatever its ready state says. */
  boolean dropped() {
    return dropped;
  }
}
