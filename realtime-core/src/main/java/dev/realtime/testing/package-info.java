/**
 * Test without sockets: {@link dev.realtime.testing.InMemoryTransport} drives a hub (or any
 * endpoint) synchronously through {@link dev.realtime.testing.TestConnection}s, and {@link
 * dev.realtime.testing.ManualClock} moves time by hand.
 */
package dev.realtime.testing;
