package dev.realtime.transport.netty;

import dev.realtime.metrics.RealtimeMetrics;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link NettyServer}'s tunables, fixed when it is built.
 *
 * @param host the address to bind
 * @param port the port to bind, 0 for an ephemeral one
 * @param io which I/O implementation to use
 * @param ioThreads event-loop threads
 * @param restThreads threads that run REST handlers and read static files
 * @param heartbeatInterval how often to ping an idle peer; zero disables heartbeats
 * @param maxMessageBytes the largest inbound message (fragments added up); larger closes with 1009
 * @param maxRequestBytes the largest HTTP request body; larger answers 413
 * @param closeTimeout how long a closing peer gets to answer our close frame
 * @param handshakeTimeout how long a new TCP connection may take to send a complete request
 * @param writeCoalescing the least time between two flushes of an event loop's connections
 * @param maxConnections open WebSocket connections beyond which handshakes get 503
 * @param maxConnectionsPerAddress the same, per remote IP address
 * @param metrics where refused handshakes are reported
 * @param tls the certificate for wss:// and https://, if any
 * @param deflate the permessage-deflate settings, if compression is offered
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of HTTP responses
 */
record Settings(
    String host,
    int port,
    IoMode io,
    int ioThreads,
    int restThreads,
    Duration heartbeatInterval,
    int maxMessageBytes,
    int maxRequestBytes,
    Duration closeTimeout,
    Duration handshakeTimeout,
    Duration writeCoalescing,
    int maxConnections,
    int maxConnectionsPerAddress,
    RealtimeMetrics metrics,
    Optional<Tls> tls,
    Optional<Deflate> deflate,
    String contentSecurityPolicy) {}
