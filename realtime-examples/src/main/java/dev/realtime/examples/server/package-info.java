/**
 * How an example is served: {@link dev.realtime.examples.server.Layout} is one Netty port for the
 * page, REST, {@code /metrics} and WebSocket ({@link dev.realtime.examples.server.Transport#NETTY},
 * the default), or the JDK's HTTP server beside Java-WebSocket on a second port ({@link
 * dev.realtime.examples.server.Transport#JAVAWS}). A port that cannot be bound is a {@link
 * dev.realtime.examples.server.CannotListenException} naming it.
 */
package dev.realtime.examples.server;
