/**
 * The examples' HTTP: pages, static files and REST endpoints registered once against {@link
 * dev.realtime.examples.http.WebRoutes} and served either on the Netty transport's own port
 * ({@link dev.realtime.examples.http.NettyRoutes}) or by the JDK's {@code HttpServer} next to
 * Java-WebSocket ({@link dev.realtime.examples.http.WebServer}), with the same {@link
 * dev.realtime.examples.http.SecurityHeaders} on every response.
 */
package dev.realtime.examples.http;
