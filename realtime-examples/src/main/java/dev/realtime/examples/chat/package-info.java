/**
 * The chat example: rooms, join and leave notices, coalesced user lists and {@code /stats}, with
 * optional JWT authentication ({@code --auth}) and a development-only token endpoint.
 */
package dev.realtime.examples.chat;
