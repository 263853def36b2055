/**
 * The JSON form of notifications and filters on the wire ({@link
 * dev.realtime.notify.json.NotificationJson}).
 */
package dev.realtime.notify.json;
