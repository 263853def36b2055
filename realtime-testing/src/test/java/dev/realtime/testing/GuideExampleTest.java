package dev.realtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import org.junit.jupiter.api.Test;

/** The in-memory example of docs/testing.md, as it stands there: if it breaks, so does the guide. */
class GuideExampleTest {
  private final Hub hub = Hub.builder()
      .onConnect(ctx -> ctx.client().join("lobby"))
      .on("say", ctx -> {
        JsonObject said = new JsonObject();
        said.addProperty("type", "said");
        said.add("text", ctx.message().get("text"));
        ctx.hub().room("lobby").broadcast(said);
      })
      .build();
  private final InMemoryTransport transport = new InMemoryTransport(hub);

  @Test
  void whatOneSaysTheOtherHears() {
    TestConnection ann = transport.connect("/ws?user=ann");
    TestConnection bob = transport.connect("/ws?user=bob");

    ann.send("{\"type\":\"say\",\"text\":\"hi\"}");

    assertThat(bob.receivedOfType("said")).singleElement()
        .satisfies(said -> assertThat(said.get("text").getAsString()).isEqualTo("hi"));
  }
}
