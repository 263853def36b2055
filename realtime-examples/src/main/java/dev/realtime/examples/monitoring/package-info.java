/** The monitoring page every example serves at {@code /monitoring}, and the vendored scripts it uses. */
package dev.realtime.examples.monitoring;
