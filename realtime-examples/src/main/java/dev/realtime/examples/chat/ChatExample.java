package dev.realtime.examples.chat;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.http.Response;
import java.util.concurrent.TimeUnit;

/** The chat example: rooms, join/leave notices, live user lists and {@code /stats}. */
public final class ChatExample implements Example {

  @Override
  public void configure(ExampleContext context) {
    ChatService chat =
        new ChatService(
            context.metrics(),
            context.clock(),
            (task, delay) -> context.scheduler().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
    context.route("/ws", chat.hub());
    context.web().page("/", "web/chat/index.html");
    context.web().route("/stats", request -> Response.json(chat.stats()));
  }
}
