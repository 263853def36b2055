package dev.realtime.broker;

/** Learns when a broker loses or regains its connection to the cluster. Must not block. */
@FunctionalInterface
public interface BrokerStateListener {

  /** The broker went {@link Broker.State#DOWN down} or came back {@link Broker.State#UP up}. */
  void onStateChange(Broker.State state);
}
