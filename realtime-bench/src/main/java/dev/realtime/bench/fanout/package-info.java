/**
 * The fan-out load tool: many chat clients over real sockets, senders at a fixed rate, and the
 * latency and delivery report; run outside the test build ({@code docs/benchmarks.md}).
 */
package dev.realtime.bench.fanout;
