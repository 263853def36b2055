package dev.realtime.examples.echo;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.hub.Hub;
import dev.realtime.transport.OutboundMessage;
import java.util.List;

/** The echo server: every text frame at {@code /ws} comes back unchanged, binary as binary. */
public final class EchoExample implements Example {
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("echo",
      "every WebSocket message comes back unchanged", List.of(), EchoExample::new);

  /** Builds the echo hub from {@code builder}; it needs no socket, so tests can drive it in memory. */
  public static Hub hub(Hub.Builder builder) {
    return builder
        .name("echo")
        .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
        .onBinary(ctx -> ctx.client().send(OutboundMessage.binary(ctx.data())))
        .build();
  }

  @Override
  public void configure(ExampleContext context) {
    context.route("/ws", hub(context.hubBuilder()));
    context.web().page("/", "web/echo/index.html");
  }
}
