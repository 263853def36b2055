package dev.realtime.examples.echo;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.hub.Hub;
import dev.realtime.transport.OutboundMessage;

/** The echo server: every text frame at {@code /ws} comes back unchanged, binary as binary. */
public final class EchoExample implements Example {

  /** Builds the echo hub; it needs no socket, so tests can drive it in memory. */
  public static Hub hub(dev.realtime.metrics.RealtimeMetrics metrics) {
    return Hub.builder()
        .metrics(metrics)
        .onText((client, text) -> client.send(OutboundMessage.text(text)))
        .onBinary((client, data) -> client.send(OutboundMessage.binary(data)))
        .build();
  }

  @Override
  public void configure(ExampleContext context) {
    context.route("/ws", hub(context.metrics()));
    context.web().page("/", "web/echo/index.html");
  }
}
