/**
 * The Redis broker: {@link dev.realtime.broker.redis.RedisBroker}, built with {@link
 * dev.realtime.broker.redis.RedisBrokerBuilder}, runs hubs on many nodes over one Redis server or
 * a Redis Cluster. Key layout, scripts and guarantees: {@code docs/scale-out.md}.
 */
package dev.realtime.broker.redis;
