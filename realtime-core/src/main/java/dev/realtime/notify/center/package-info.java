/**
 * Delivering notifications: the {@link dev.realtime.notify.center.NotificationCenter} that stores,
 * delivers, replays and marks them read, and the {@link
 * dev.realtime.notify.center.NotificationSubscriber}s it delivers to. No sockets: a subscriber's
 * sink decides how a notification travels.
 */
package dev.realtime.notify.center;
