/**
 * Runnable example servers built on the library: {@link dev.realtime.examples.Main} reads the
 * command line ({@link dev.realtime.examples.LaunchOptions}, each example's {@link
 * dev.realtime.examples.ExampleType} and {@link dev.realtime.examples.Flag}s), {@link
 * dev.realtime.examples.ExampleServer} serves its pages, REST and WebSockets on the layout the
 * options choose, and each {@link dev.realtime.examples.Example} wires itself through an {@link
 * dev.realtime.examples.ExampleContext}.
 */
package dev.realtime.examples;
