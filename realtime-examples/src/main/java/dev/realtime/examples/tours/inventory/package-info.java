/**
 * The tours' seats: the catalog of tours, their availability with a version per change, and
 * bookings taken atomically, in memory on one node or in Redis for a cluster.
 */
package dev.realtime.examples.tours.inventory;
