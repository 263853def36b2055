package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.ConnectionListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hub finds a connection's client through the connection's attachment where the transport
 * keeps one, and through its own map where it does not: both ways, frames reach the right client,
 * a close removes it once, and a connection opened twice is refused.
 */
class HubConnectionAttachmentTest {
  private final AtomicInteger disconnects = new AtomicInteger();
  private final Hub hub = Hub.builder()
      .onConnect(ctx -> ctx.client().join("lobby"))
      .on("whoami", ctx -> {
        JsonObject answer = new JsonObject();
        answer.addProperty("type", "you");
        answer.addProperty("client", ctx.client().id());
        ctx.client().send(answer);
      })
      .on("say", ctx -> {
        JsonObject said = new JsonObject();
        said.addProperty("type", "said");
        said.addProperty("from", ctx.client().id());
        ctx.hub().room("lobby").broadcast(said);
      })
      .onDisconnect(ctx -> disconnects.incrementAndGet())
      .build();
  private final ConnectionListener listener = hub.listener();

  @Test
  void anAttachingConnectionKeepsItsClientAndOneThatDoesNotIsFoundAllTheSame() {
    StubConnection attaching = open("a", true);
    StubConnection plain = open("p", false);

    assertThat(attaching.attachment()).isInstanceOf(Client.class);
    assertThat(((Client) attaching.attachment()).connection()).isSameAs(attaching);
    assertThat(plain.attachment()).isNull();
    assertThat(hub.registry().byConnection(attaching)).isSameAs(attaching.attachment());
    assertThat(hub.registry().byConnection(plain)).isNotNull().extracting(Client::connection).isSameAs(plain);
    assertThat(hub.clientCount()).isEqualTo(2);
  }

  @Test
  void framesReachTheClientOfTheConnectionTheyCameOnBothWays() {
    StubConnection attaching = open("a", true);
    StubConnection plain = open("p", false);
    String attachingId = hub.registry().byConnection(attaching).id();
    String plainId = hub.registry().byConnection(plain).id();
    assertThat(attachingId).isNotEqualTo(plainId);

    listener.onText(attaching, "{\"type\":\"whoami\"}");
    listener.onText(plain, "{\"type\":\"whoami\"}");
    listener.onText(plain, "{\"type\":\"say\"}");

    assertThat(attaching.ofType("you")).extracting(m -> m.get("client").getAsString()).containsExactly(attachingId);
    assertThat(plain.ofType("you")).extracting(m -> m.get("client").getAsString()).containsExactly(plainId);
    assertThat(attaching.ofType("said")).extracting(m -> m.get("from").getAsString()).containsExactly(plainId);
    assertThat(plain.ofType("said")).extracting(m -> m.get("from").getAsString()).containsExactly(plainId);
  }

  @Test
  void aCloseRemovesTheClientOnceAndLaterFramesAreIgnoredWhenTheConnectionAttaches() {
    aCloseRemovesTheClientOnceAndLaterFramesAreIgnored(true);
  }

  @Test
  void aCloseRemovesTheClientOnceAndLaterFramesAreIgnoredWhenTheConnectionDoesNot() {
    aCloseRemovesTheClientOnceAndLaterFramesAreIgnored(false);
  }

  private void aCloseRemovesTheClientOnceAndLaterFramesAreIgnored(boolean attaches) {
    StubConnection closing = open("c", attaches);
    StubConnection staying = open("s", attaches);
    Client client = hub.registry().byConnection(closing);

    closing.open = false;
    listener.onClose(closing, CloseCodes.NORMAL, "bye", true);
    listener.onClose(closing, CloseCodes.NORMAL, "bye", true); // a transport repeating itself

    assertThat(disconnects.get()).isEqualTo(1);
    assertThat(hub.clientCount()).isEqualTo(1);
    assertThat(hub.client(client.id())).isEmpty();
    assertThat(hub.registry().byConnection(closing)).isNull();
    assertThat(closing.attachment()).isNull();
    assertThat(hub.room("lobby").members()).extracting(Client::connection).containsExactly(staying);
    int before = closing.sent.size();
    listener.onText(closing, "{\"type\":\"whoami\"}");
    assertThat(closing.sent).hasSize(before);
    listener.onText(staying, "{\"type\":\"whoami\"}");
    assertThat(staying.ofType("you")).hasSize(1);
  }

  @Test
  void openingTheSameConnectionTwiceIsRefusedWhenTheConnectionAttaches() {
    openingTheSameConnectionTwiceIsRefusedAndKeepsTheFirstClient(true);
  }

  @Test
  void openingTheSameConnectionTwiceIsRefusedWhenTheConnectionDoesNot() {
    openingTheSameConnectionTwiceIsRefusedAndKeepsTheFirstClient(false);
  }

  private void openingTheSameConnectionTwiceIsRefusedAndKeepsTheFirstClient(boolean attaches) {
    StubConnection connection = open("twice", attaches);
    Client first = hub.registry().byConnection(connection);

    assertThatThrownBy(() -> listener.onOpen(connection))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("opened twice");

    assertThat(hub.clientCount()).isEqualTo(1);
    assertThat(hub.clients()).containsExactly(first);
    assertThat(hub.registry().byConnection(connection)).isSameAs(first);
    listener.onText(connection, "{\"type\":\"whoami\"}");
    assertThat(connection.ofType("you")).extracting(m -> m.get("client").getAsString()).containsExactly(first.id());
  }

  private StubConnection open(String id, boolean attaches) {
    StubConnection connection = new StubConnection(id, attaches);
    listener.onOpen(connection);
    return connection;
  }
}
