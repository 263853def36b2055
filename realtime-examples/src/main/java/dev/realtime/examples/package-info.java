/**
 * Runnable example servers built on the library: {@link dev.realtime.examples.Main} picks one,
 * {@link dev.realtime.examples.ExampleServer} runs its web page and WebSocket server, and each
 * {@link dev.realtime.examples.Example} wires itself through an {@link
 * dev.realtime.examples.ExampleContext}.
 */
package dev.realtime.examples;
