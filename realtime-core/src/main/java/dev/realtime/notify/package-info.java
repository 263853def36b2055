/**
 * Notifications to users: the {@link dev.realtime.notify.Notification} model, who receives it
 * ({@link dev.realtime.notify.Audience}, {@link dev.realtime.notify.Recipient}), what a subscriber
 * wants to see ({@link dev.realtime.notify.NotificationFilter}), and the {@link
 * dev.realtime.notify.NotificationCenter} that stores, delivers, replays and marks them read. No
 * sockets: a subscriber's sink decides how a notification travels.
 */
package dev.realtime.notify;
