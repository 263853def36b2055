/**
 * The small request/response API for plain HTTP endpoints served next to WebSocket routes on a
 * {@code NettyServer}'s port: REST calls, {@code /metrics} and the like.
 */
package dev.realtime.transport.netty.http;
