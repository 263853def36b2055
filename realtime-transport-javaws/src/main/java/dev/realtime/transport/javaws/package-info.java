/**
 * Serves hubs over WebSocket with Java-WebSocket: {@link
 * dev.realtime.transport.javaws.JavaWsServer} routes paths to endpoints, asks each endpoint to
 * admit a handshake, pings peers, bounds inbound message size and connections, measures every
 * outbound queue so a hub's slow-consumer policy works, and stops gracefully.
 */
package dev.realtime.transport.javaws;
