/**
 * What the two feed examples (analytics, tours) share: a Redis link for their own keys and
 * scripts, one tick per cluster ({@link dev.realtime.examples.feed.ClusterTicker}), client-side
 * selections of what to receive, development tokens for {@code --auth}, and {@link
 * dev.realtime.examples.feed.FeedNode}, which opens and closes all of it.
 */
package dev.realtime.examples.feed;
