/**
 * Document state for operational transformation, for any operation type: the server's
 * authoritative {@link ServerDocument} (transform, apply, history, catch-up, resync, deduplication
 * by client and seq) and the client's {@link ClientDocument} (one operation in flight, the rest
 * buffered). Both take an operation transformer; their {@code text} factories make plain-text ones.
 */
package dev.realtime.ot.document;
