/**
 * The in-memory broker: the default for a hub on one node, with positions, history and presence.
 */
package dev.realtime.broker.memory;
