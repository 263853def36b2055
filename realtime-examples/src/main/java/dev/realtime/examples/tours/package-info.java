/**
 * The tours example: random numbers every three seconds at {@code /random}, each tour's seats at
 * {@code /tours} with selective subscriptions, and real bookings over REST, on one node or a
 * cluster.
 */
package dev.realtime.examples.tours;
