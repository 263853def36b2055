/**
 * The analytics feed on the wire: JSON text frames (the default) or Protocol Buffers binary
 * frames (subprotocol {@code analytics.v1.protobuf}, schema {@code docs/proto/analytics.proto}).
 */
package dev.realtime.examples.analytics.wire;
