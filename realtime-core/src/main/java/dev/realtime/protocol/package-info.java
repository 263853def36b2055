/**
 * The wire protocol every hub speaks: the strict JSON codec and error frames ({@link
 * dev.realtime.protocol.Json}), the error codes and close codes that are part of the contract, and
 * {@link dev.realtime.protocol.ProtocolException}, which a handler throws to answer an error
 * frame. {@code docs/protocol.md} lists every code.
 */
package dev.realtime.protocol;
