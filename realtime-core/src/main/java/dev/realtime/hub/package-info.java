/**
 * The hub an application is written against: {@link dev.realtime.hub.Hub} tracks connected
 * {@link dev.realtime.hub.Client}s and their {@link dev.realtime.hub.Room}s, routes each decoded
 * message by its {@code type} to a handler, and fans frames out encoded once per node.
 *
 * <p>Configure a hub with {@code Hub.builder()}: one small functional interface per callback
 * ({@link dev.realtime.hub.ConnectHandler}, {@link dev.realtime.hub.MessageHandler}, {@link
 * dev.realtime.hub.RoomHandler} for joins and leaves, {@link dev.realtime.hub.PresenceHandler} for
 * coalesced cluster-wide presence changes, {@link dev.realtime.hub.DisconnectHandler}, {@link
 * dev.realtime.hub.TextHandler}, {@link dev.realtime.hub.BinaryHandler}), each taking one context
 * record; limits in {@link dev.realtime.hub.HubSettings}; authentication and allowed origins from
 * {@code dev.realtime.auth}; a {@code dev.realtime.broker.Broker} to run on many nodes (an
 * in-memory one by default). Room frames carry their stream position, and a client can rejoin a
 * room from one ({@code docs/protocol.md}). A transport routes the hub as an endpoint; tests drive
 * it with no socket through {@code dev.realtime.testing.InMemoryTransport}.
 */
package dev.realtime.hub;
