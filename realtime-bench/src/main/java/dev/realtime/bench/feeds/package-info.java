/**
 * Load tools for the two feed examples: bookings racing for seats ({@link
 * dev.realtime.bench.feeds.BookingLoad}), the analytics feed at load ({@link
 * dev.realtime.bench.feeds.AnalyticsLoad}) and the size of its two encodings on a recorded stream
 * ({@link dev.realtime.bench.feeds.EncodingSize}).
 */
package dev.realtime.bench.feeds;
