/**
 * A Java client for realtime servers: {@link dev.realtime.client.RealtimeClient}, on the JDK's
 * {@code java.net.http.WebSocket}.
 *
 * <p>It keeps one connection open through failures — states with listeners, reconnects with
 * exponential backoff and full jitter, stopped by close codes that forbid retrying and by {@code
 * close()} — and makes a reconnect invisible to the application where the server allows: every
 * room is resumed from the {@code offset}/{@code epoch} of its last frame, so what was published
 * meanwhile arrives once, in order, and a {@link dev.realtime.client.Recovery} with {@code
 * recovered == false} says when it cannot. An application heartbeat detects a dead server in
 * seconds; sends never block and are queued, bounded, while reconnecting; a token is fetched
 * before every attempt.
 *
 * <p>Thread-safe throughout; callbacks run one at a time on the client's event thread. The guide,
 * with the recovery contract, is {@code docs/clients.md}.
 */
package dev.realtime.client;
