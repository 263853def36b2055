/**
 * The Netty transport: {@link dev.realtime.transport.netty.NettyServer} serves WebSocket routes
 * (hubs or bare listeners), static files and small REST endpoints on one port, with epoll or
 * io_uring where available, TLS, optional permessage-deflate and measured outbound queues.
 */
package dev.realtime.transport.netty;
