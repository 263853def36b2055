package dev.realtime.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.auth.AuthResult;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.SlowConsumerPolicy;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.OutboundMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A real hub, driven through the in-memory transport, reporting to Micrometer meters. */
class HubMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerMetrics metrics = MicrometerMetrics.forHub("chat");

  {
    metrics.bindTo(registry);
  }

  private double count(String name) {
    return registry.get(name).tag("hub", "chat").functionCounter().count();
  }

  private double gauge(String name) {
    return registry.get(name).tag("hub", "chat").gauge().value();
  }

  private Hub.Builder hub() {
    return Hub.builder().name("chat").metrics(metrics);
  }

  @Test
  void connectionsOpenedClosedAndActive() {
    InMemoryTransport transport = new InMemoryTransport(hub().build());
    TestConnection ann = transport.connect("/ws");
    TestConnection bob = transport.connect("/ws");
    transport.connect("/ws");
    ann.disconnect(1000, "bye");
    bob.disconnect(1001, "away");

    assertThat(count(MicrometerMetrics.CONNECTIONS_OPENED)).isEqualTo(3);
    assertThat(count(MicrometerMetrics.CONNECTIONS_CLOSED)).isEqualTo(2);
    assertThat(gauge(MicrometerMetrics.CONNECTIONS_ACTIVE)).isEqualTo(1);
  }

  @Test
  void messagesAndBytesInBothDirections() {
    Hub hub = hub()
        .on("say", ctx -> {
          JsonObject echo = new JsonObject();
          echo.addProperty("type", "said");
          echo.add("text", ctx.message().get("text"));
          ctx.client().send(echo);
        })
        .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    String first = "{\"type\":\"say\",\"text\":\"héllo\"}";
    String second = "{\"type\":\"say\",\"text\":\"again\"}";
    connection.send(first);
    connection.send(second);

    assertThat(count(MicrometerMetrics.MESSAGES_RECEIVED)).isEqualTo(2);
    assertThat(count(MicrometerMetrics.RECEIVED_BYTES)).isEqualTo(utf8(first) + utf8(second));
    assertThat(connection.received()).hasSize(2);
    assertThat(count(MicrometerMetrics.MESSAGES_SENT)).isEqualTo(2);
    assertThat(count(MicrometerMetrics.SENT_BYTES))
        .isEqualTo(connection.received().stream().mapToLong(HubMetersTest::utf8).sum());
    assertThat(registry.get(MicrometerMetrics.SENT_BYTES).functionCounter().getId().getBaseUnit())
        .isEqualTo("bytes");
  }

  @Test
  void badInputCountsAsAnError() {
    TestConnection connection = new InMemoryTransport(hub().build()).connect("/ws");
    connection.send("{not json");
    connection.send("{\"type\":\"nobody-handles-this\"}");

    assertThat(connection.receivedOfType("error")).hasSize(2);
    assertThat(count(MicrometerMetrics.ERRORS)).isEqualTo(2);
  }

  @Test
  void aRefusedTokenCountsAsARejectedHandshake() {
    Hub hub = hub().authenticator(handshake -> AuthResult.refused("unauthorized", "no token")).build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");

    assertThat(connection.closeCode()).hasValue(CloseCodes.UNAUTHORIZED);
    assertThat(count(MicrometerMetrics.HANDSHAKES_REJECTED)).isEqualTo(1);
    assertThat(count(MicrometerMetrics.CONNECTIONS_OPENED)).isZero();
  }

  @Test
  void aSlowConsumerIsCountedWhenDisconnected() {
    Hub hub = hub()
        .settings(HubSettings.DEFAULTS.withMaxQueuedMessages(4))
        .onConnect(ctx -> ctx.client().join("feed"))
        .build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection fast = transport.connect("/ws");
    TestConnection slow = transport.connect("/ws");
    slow.pauseReading();
    for (int i = 0; i < 10; i++) {
      hub.room("feed").broadcast(OutboundMessage.text("tick " + i));
    }

    assertThat(slow.closeCode()).hasValue(CloseCodes.TRY_AGAIN_LATER);
    assertThat(fast.received()).hasSize(10);
    assertThat(count(MicrometerMetrics.SLOW_CONSUMER_DISCONNECTS)).isEqualTo(1);
    assertThat(count(MicrometerMetrics.MESSAGES_DROPPED)).isZero();
  }

  @Test
  void aLossyClientCountsItsDrops() {
    Hub hub = hub()
        .settings(HubSettings.DEFAULTS.withMaxQueuedMessages(2)
            .withSlowConsumerPolicy(SlowConsumerPolicy.DROP))
        .build();
    TestConnection slow = new InMemoryTransport(hub).connect("/ws");
    slow.pauseReading();
    for (int i = 0; i < 5; i++) {
      hub.broadcast(OutboundMessage.text("sample " + i));
    }

    assertThat(slow.isOpen()).isTrue();
    assertThat(count(MicrometerMetrics.MESSAGES_DROPPED)).isEqualTo(3);
    assertThat(count(MicrometerMetrics.MESSAGES_SENT)).isEqualTo(2);
    assertThat(count(MicrometerMetrics.SLOW_CONSUMER_DISCONNECTS)).isZero();
  }

  @Test
  void roomsCreatedRemovedAndExisting() {
    Hub hub = hub()
        .on("join", ctx -> ctx.client().join(ctx.message().get("room").getAsString()))
        .on("leave", ctx -> ctx.client().leave(ctx.message().get("room").getAsString()))
        .build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    TestConnection bob = transport.connect("/ws");
    ann.send("{\"type\":\"join\",\"room\":\"a\"}");
    bob.send("{\"type\":\"join\",\"room\":\"a\"}");
    ann.send("{\"type\":\"join\",\"room\":\"b\"}");

    assertThat(gauge(MicrometerMetrics.ROOMS)).isEqualTo(2);
    assertThat(count(MicrometerMetrics.ROOMS_OPENED)).isEqualTo(2);

    ann.send("{\"type\":\"leave\",\"room\":\"b\"}");
    ann.disconnect(1000, "");

    assertThat(gauge(MicrometerMetrics.ROOMS)).isEqualTo(1);
    assertThat(count(MicrometerMetrics.ROOMS_CLOSED)).isEqualTo(1);
    bob.disconnect(1000, "");
    assertThat(gauge(MicrometerMetrics.ROOMS)).isZero();
    assertThat(count(MicrometerMetrics.ROOMS_CLOSED)).isEqualTo(2);
  }

  @Test
  void twoHubsKeepTheirOwnMetersApartByTag() {
    MicrometerMetrics other = MicrometerMetrics.forHub("dashboard");
    other.bindTo(registry);
    InMemoryTransport chat = new InMemoryTransport(hub().build());
    InMemoryTransport dashboard =
        new InMemoryTransport(Hub.builder().name("dashboard").metrics(other).build());
    chat.connect("/ws");
    dashboard.connect("/dashboard");
    dashboard.connect("/dashboard");

    assertThat(count(MicrometerMetrics.CONNECTIONS_OPENED)).isEqualTo(1);
    assertThat(registry.get(MicrometerMetrics.CONNECTIONS_OPENED).tag("hub", "dashboard")
        .functionCounter().count()).isEqualTo(2);
    assertThat(registry.get(MicrometerMetrics.CONNECTIONS_ACTIVE).gauges()).hasSize(2);
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
