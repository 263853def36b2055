/** Benchmarks and load tools (JMH and command-line), with {@link CommandLine} for the tools' options. */
package dev.realtime.bench;
