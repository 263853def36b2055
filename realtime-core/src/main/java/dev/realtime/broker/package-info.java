/**
 * The broker SPI: what a hub needs from the cluster to run on many nodes.
 *
 * <p>{@link dev.realtime.broker.Broker} publishes to channels with stream positions (offset and
 * epoch) and bounded history, delivers each subscribed channel's publications to this node in
 * offset order with gaps filled, answers recoveries, and keeps cluster-wide {@link
 * dev.realtime.broker.Presence}. The in-memory implementation, the default for one node, is in
 * {@code dev.realtime.broker.memory}; the Redis one is the {@code realtime-broker-redis} module.
 */
package dev.realtime.broker;
