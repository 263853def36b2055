/** The echo example: every frame at {@code /ws} comes back unchanged. */
package dev.realtime.examples.echo;
