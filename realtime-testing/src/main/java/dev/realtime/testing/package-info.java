/**
 * The realtime test kit. This package tests handlers without sockets: {@link
 * dev.realtime.testing.InMemoryTransport} drives a hub (or any endpoint) synchronously through
 * {@link dev.realtime.testing.TestConnection}s, and {@link dev.realtime.testing.ManualClock} moves
 * time by hand.
 *
 * <p>Sub-packages hold one kind of tool each: {@code junit} starts servers around tests, {@code
 * browser} drives headless Chromium, {@code transport} has real-socket clients and the transport
 * conformance suite, {@code ot} the property suite for operation types, {@code redis} a real
 * redis-server for broker tests. Add this module with {@code test} scope (docs/testing.md).
 */
package dev.realtime.testing;
