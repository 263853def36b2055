/**
 * Contract suites for stores: {@link DocumentStoreContract} for an operational-transformation
 * {@code DocumentStore} and {@link NotificationStoreContract} for a {@code NotificationStore}.
 * A store's tests extend one and say how to make a fresh, empty store; the in-memory stores and
 * the Redis stores run the same suites.
 */
package dev.realtime.testing.store;
