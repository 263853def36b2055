package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.transport.RecordingListener;
import dev.realtime.testing.transport.RecordingListener.Kind;
import dev.realtime.testing.transport.WsTestClient;
import dev.realtime.transport.Connection;
import dev.realtime.transport.OutboundMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sends that a lock orders reach the peer in that order, even when one comes from the
 * connection's own event loop and the one before it from another loop. Applications rely on it:
 * the editor sends a client its ack and the other clients' operations under the document's lock,
 * and the client can only transform them in that order.
 */
class LockOrderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private NettyServer server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.stop(Duration.ofSeconds(2));
    }
  }

  @Test
  void sendsOrderedByALockArriveInThatOrderFromAnyEventLoop() throws Exception {
    Object lock = new Object();
    long[] sequence = {0};
    AtomicReference<Connection> target = new AtomicReference<>();
    // Every message, from either client, makes the server send the next number to the target,
    // under one lock: from the target's own loop (its client's messages) and from the other loop.
    RecordingListener listener = new RecordingListener().onText((from, text) -> {
      synchronized (lock) {
        target.get().send(OutboundMessage.text(Long.toString(++sequence[0])));
      }
    });
    server = NettyServer.builder().host("127.0.0.1").port(0).ioThreads(2).route("/ws", listener).build().start();
    WsTestClient targetClient = WsTestClient.connect(server.port(), "/ws");
    Connection first = listener.next(Kind.OPEN, WAIT).connection();
    target.set(first);
    WsTestClient otherClient = WsTestClient.connect(server.port(), "/ws");
    Connection second = listener.next(Kind.OPEN, WAIT).connection();
    assertThat(((NettyConnection) first).channel().eventLoop())
        .as("the two connections are served by different event loops")
        .isNotSameAs(((NettyConnection) second).channel().eventLoop());

    int each = 3_000;
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
      try {
        for (int i = 0; i < each; i++) {
          otherClient.send("o");
        }
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    for (int i = 0; i < each; i++) {
      targetClient.send("t");
    }
    other.get(30, TimeUnit.SECONDS);
    for (long expected = 1; expected <= 2L * each; expected++) {
      assertThat(Long.parseLong(targetClient.nextText())).as("message %d", expected).isEqualTo(expected);
    }
    targetClient.close();
    otherClient.close();
  }
}
