/**
 * Operational transformation for collaborative plain text: {@link dev.realtime.ot.TextOperation}
 * and its algebra, the server's {@link dev.realtime.ot.ServerDocument}, the client's
 * {@link dev.realtime.ot.ClientDocument} and a {@link dev.realtime.ot.DocumentStore}; no sockets.
 */
package dev.realtime.ot;
