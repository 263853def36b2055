/**
 * The notifications example: targeted notifications over WebSocket and REST, filters, history and
 * read state shared between a user's tabs.
 */
package dev.realtime.examples.notifications;
