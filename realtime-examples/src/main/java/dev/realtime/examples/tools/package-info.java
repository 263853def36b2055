/**
 * The jar's tools: clients of a running server, built on {@code realtime-client}. {@code client
 * URL} is the interactive terminal client ({@link dev.realtime.examples.tools.ClientTool}); {@code
 * simulate URL} simulates chat users and measures them ({@link dev.realtime.examples.tools.SimulateTool}).
 * They take a server's URL, not a server layout, so they have their own command lines; {@code
 * docs/clients.md} describes both.
 */
package dev.realtime.examples.tools;
