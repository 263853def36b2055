package dev.realtime.hub;

import dev.realtime.metrics.RealtimeMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** Metrics that count a few events, for assertions. */
final class CountingMetrics implements RealtimeMetrics {
  final AtomicLong opened = new AtomicLong();
  final AtomicLong closed = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong slowConsumers = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong roomsCreated = new AtomicLong();
  final AtomicLong roomsRemoved = new AtomicLong();
  final AtomicLong errors = new AtomicLong();

  @Override
  public void connectionOpened() {
    opened.incrementAndGet();
  }

  @Override
  public void connectionClosed() {
    closed.incrementAndGet();
  }

  @Override
  public void messageSent(int bytes) {
    sent.incrementAndGet();
  }

  @Override
  public void slowConsumerDisconnected() {
    slowConsumers.incrementAndGet();
  }

  @Override
  public void messageDropped() {
    dropped.incrementAndGet();
  }

  @Override
  public void roomCreated() {
    roomsCreated.incrementAndGet();
  }

  @Override
  public void roomRemoved() {
    roomsRemoved.incrementAndGet();
  }

  @Override
  public void error() {
    errors.incrementAndGet();
  }
}
