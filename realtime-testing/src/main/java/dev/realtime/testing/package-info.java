/**
 * The realtime test kit: what applications and transports need to test without or with sockets.
 *
 * <p>Sub-packages hold one kind of tool each; add this module with {@code test} scope.
 */
package dev.realtime.testing;
