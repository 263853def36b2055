package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.protocol.Json;
import dev.realtime.testing.redis.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two chat nodes started as {@code chat --redis URI}: a room spans both, each page learns its node. */
class ChatOnTwoNodesTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private ExampleServer first;
  private ExampleServer second;

  @AfterEach
  void stop() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  private static ExampleServer node(String id) throws Exception {
    Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
    return ExampleServer.start(LaunchOptions.ephemeral("chat").withCluster(cluster), new ChatExample());
  }

  @Test
  void aMessageSentOnOneNodeReachesTheRoomOnTheOther() throws Exception {
    first = node("one");
    second = node("two");
    ChatSocket ann = ChatSocket.open(first.wsPort(), "username=ann&room=lobby");
    ann.next("join", join -> join.get("content").getAsString().startsWith("ann "));
    ChatSocket bob = ChatSocket.open(second.wsPort(), "username=bob&room=lobby");
    // Bob's join notice crossing to ann's node proves both nodes follow the room.
    ann.next("join", join -> join.get("content").getAsString().startsWith("bob "));

    bob.send("{\"type\":\"message\",\"content\":\"hello from node two\"}");

    JsonObject received = ann.next("message");
    assertThat(received.get("content").getAsString()).isEqualTo("hello from node two");
    assertThat(received.get("username").getAsString()).isEqualTo("bob");
    assertThat(received.get("offset").getAsLong()).isPositive();
  }

  @Test
  void eachNodeTellsItsPagesWhichNodeTheyAreOn() throws Exception {
    first = node("one");
    HttpResponse<String> config = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.httpPort() + "/config.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject body = Json.parseObject(config.body());
    assertThat(body.get("node").getAsString()).isEqualTo("one");
    assertThat(body.get("cluster").getAsBoolean()).isTrue();
  }
}
