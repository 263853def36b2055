/**
 * The transport SPI: what a WebSocket server adapter implements ({@link
 * dev.realtime.transport.Connection}) and drives ({@link dev.realtime.transport.ConnectionListener},
 * obtained from an {@link dev.realtime.transport.Endpoint} such as a hub), the handshake it
 * admits or refuses ({@link dev.realtime.transport.Handshake}, {@link
 * dev.realtime.transport.Admission}) and the immutable, encode-once {@link
 * dev.realtime.transport.OutboundMessage}. Applications rarely touch it; transports touch nothing
 * else of the core.
 */
package dev.realtime.transport;
