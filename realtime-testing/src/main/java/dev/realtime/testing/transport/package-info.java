/**
 * The transport conformance kit: one suite of behaviour tests, written against the transport SPI
 * ({@code dev.realtime.transport}), that every transport runs on real sockets by extending {@link
 * dev.realtime.testing.transport.TransportConformance}, plus the real-socket test clients it uses.
 */
package dev.realtime.testing.transport;
