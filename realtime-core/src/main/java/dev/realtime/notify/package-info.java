/**
 * What a notification is: the {@link dev.realtime.notify.Notification} model and its limits, who
 * receives it ({@link dev.realtime.notify.Audience}, {@link dev.realtime.notify.Recipient}), what a
 * subscriber wants to see ({@link dev.realtime.notify.NotificationFilter}), and one user's view of
 * it ({@link dev.realtime.notify.UserNotification}, {@link dev.realtime.notify.HistoryQuery}).
 * Values only: delivery lives in {@code dev.realtime.notify.center}, storage in {@code
 * dev.realtime.notify.store}.
 */
package dev.realtime.notify;
