/**
 * What permessage-deflate costs per connection on the Netty transport: resident memory with
 * compression off, without and with context takeover ({@code docs/transports.md}).
 */
package dev.realtime.bench.deflate;
