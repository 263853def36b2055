/**
 * What the two feed examples (analytics, tours) share: a Redis link for their own keys and
 * scripts, one tick per cluster ({@link dev.realtime.examples.feed.ClusterTicker}), client-side
 * selections of what to receive, and development tokens for {@code --auth}.
 */
package dev.realtime.examples.feed;
