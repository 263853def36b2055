/**
 * Classes protoc generates from {@code docs/proto/analytics.proto}: the analytics feed's binary
 * frames ({@code ServerFrame}, {@code ClientFrame}). Never edited by hand.
 */
package dev.realtime.examples.analytics.proto;
