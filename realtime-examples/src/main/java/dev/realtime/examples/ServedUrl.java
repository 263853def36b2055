package dev.realtime.examples;

/**
 * One address a running example serves, for its start banner.
 *
 * @param kind {@code page}, {@code WebSocket} or {@code REST}
 * @param url the full address, e.g. {@code http://localhost:8080/stats}
 */
public record ServedUrl(String kind, String url) {}
