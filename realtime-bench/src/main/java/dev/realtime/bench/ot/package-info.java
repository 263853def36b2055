/**
 * JMH benchmarks of the text OT engine: replaying real editing traces and transforming an
 * operation through history it missed ({@code docs/benchmarks.md}).
 */
package dev.realtime.bench.ot;
