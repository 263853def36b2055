package dev.realtime.examples.browser;

import com.google.gson.JsonObject;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server whose answer to the application heartbeat the test can switch off, as a server that
 * hangs while its TCP connection stays up would: {@code /ws} answers {@code {"type":"ping"}} with
 * a pong only while {@link #answering} is true. It serves the echo page, into which tests import
 * the shared client module.
 */
final class SwitchablePongExample implements Example {
  final AtomicBoolean answering = new AtomicBoolean(true);
  final AtomicInteger pings = new AtomicInteger();

  @Override
  public void configure(ExampleContext context) {
    context.route("/ws", context.hubBuilder()
        .name("pongs")
        .on("ping", message -> {
          pings.incrementAndGet();
          if (answering.get()) {
            JsonObject pong = new JsonObject();
            pong.addProperty("type", "pong");
            message.reply(pong);
          }
        })
        .build());
    context.web().page("/", "web/echo/index.html");
  }
}
