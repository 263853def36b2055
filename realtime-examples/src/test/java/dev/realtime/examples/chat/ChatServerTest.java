package dev.realtime.examples.chat;

import dev.realtime.examples.server.Transport;

/** {@link ChatServerCases} on the one-port layout: everything on Netty's port. */
class ChatServerTest extends ChatServerCases {
  ChatServerTest() {
    super(Transport.NETTY);
  }
}
