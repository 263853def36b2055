package dev.realtime.auth;

import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.util.concurrent.ScheduledFuture;

/** A transport connection carrying the principal it was accepted as. */
final class AuthenticatedConnection implements Connection, Authenticated {
  private final Connection delegate;
  private volatile Principal principal;
  private ScheduledFuture<?> expiry;

  AuthenticatedConnection(Connection delegate, Principal principal) {
    this.delegate = delegate;
    this.principal = principal;
  }

  @Override
  public Principal principal() {
    return principal;
  }

  void setPrincipal(Principal principal) {
    this.principal = principal;
  }

  synchronized void replaceExpiry(ScheduledFuture<?> next) {
    if (expiry != null) {
      expiry.cancel(false);
    }
    expiry = next;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public Handshake handshake() {
    return delegate.handshake();
  }

  @Override
  public boolean send(OutboundMessage message) {
    return delegate.send(message);
  }

  @Override
  public Offer offer(OutboundMessage message, long maxQueuedBytes, int maxQueuedMessages) {
    return delegate.offer(message, maxQueuedBytes, maxQueuedMessages);
  }

  @Override
  public void close(int code, String reason) {
    delegate.close(code, reason);
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public long queuedBytes() {
    return delegate.queuedBytes();
  }

  @Override
  public int queuedMessages() {
    return delegate.queuedMessages();
  }

  @Override
  public String toString() {
    return delegate + " as " + principal.userId();
  }
}
