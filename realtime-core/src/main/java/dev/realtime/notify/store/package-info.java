/**
 * Where a notification center keeps notifications and read state: the {@link
 * dev.realtime.notify.store.NotificationStore} interface and a bounded in-memory implementation.
 */
package dev.realtime.notify.store;
