/**
 * Redis stores for state that many nodes share (Lettuce, standalone or Redis Cluster):
 * {@link RedisDocumentStore}, an operational-transformation {@code DocumentStore} whose commit is
 * one atomic compare-and-append, and {@link RedisNotificationStore}, a {@code NotificationStore}
 * with per-user read state. Each keeps one entity's keys in one cluster slot.
 */
package dev.realtime.store.redis;
