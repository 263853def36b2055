package dev.realtime.examples.chat;

import dev.realtime.examples.server.Transport;

/** {@link ChatServerCases} on the two-port layout: Java-WebSocket beside the JDK's HTTP server. */
class ChatServerJavaWsTest extends ChatServerCases {
  ChatServerJavaWsTest() {
    super(Transport.JAVAWS);
  }
}
