/** Broker benchmarks: what a publish with history costs on Redis. */
package dev.realtime.bench.broker;
