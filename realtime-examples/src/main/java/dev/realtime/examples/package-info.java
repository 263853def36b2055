/**
 * Runnable example servers built on the library: {@link dev.realtime.examples.Main} reads the
 * command line ({@link dev.realtime.examples.LaunchOptions}, each example's {@link
 * dev.realtime.examples.ExampleType} and {@link dev.realtime.examples.Flag}s), {@link
 * dev.realtime.examples.ExampleServer} serves its pages, REST and WebSockets on the layout the
 * options choose, and each {@link dev.realtime.examples.Example} wires itself through an {@link
 * dev.realtime.examples.ExampleContext}. {@code Main} also runs the jar's tools, clients of a
 * running server ({@code dev.realtime.examples.tools}).
 */
package dev.realtime.examples;
