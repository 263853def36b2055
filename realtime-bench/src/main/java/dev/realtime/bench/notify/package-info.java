/** Notification benchmarks: filter matching (JMH) and fan-out latency to many subscribers. */
package dev.realtime.bench.notify;
