package dev.realtime.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.protocol.Json;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code notifications --redis} on two nodes and a real Redis: a notification posted on either
 * node reaches its audience on both, a read on one node is seen on the other, and a restarted node
 * serves everything the store holds.
 */
class NotificationsOnTwoNodesTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ExampleServer[] nodes = new ExampleServer[2];
  private final List<WsTestClient> clients = new ArrayList<>();
  private int started;

  @AfterEach
  void stop() {
    clients.forEach(WsTestClient::close);
    for (ExampleServer node : nodes) {
      if (node != null) {
        node.close();
      }
    }
  }

  private ExampleServer node() throws Exception {
    Cluster cluster = new Cluster(redis.uri(), "node-" + ++started, Duration.ofSeconds(3));
    return ExampleServer.start(LaunchOptions.ephemeral("notifications").withCluster(cluster), new NotificationsExample());
  }

  private WsTestClient connect(ExampleServer node, String user, String role, List<String> replay) throws Exception {
    WsTestClient client = NotificationSockets.connect(node.wsPort(), user, role, replay);
    clients.add(client);
    return client;
  }

  private WsTestClient connect(ExampleServer node, String user, String role) throws Exception {
    return connect(node, user, role, new ArrayList<>());
  }

  private static JsonObject next(WsTestClient client, String type) throws Exception {
    return NotificationSockets.next(client, type);
  }

  private static String publish(ExampleServer node, String title, String audience) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/notifications"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"type\":\"info\",\"title\":\"" + title + "\",\"message\":\"m\"" + audience + "}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parseObject(response.body()).get("id").getAsString();
  }

  @Test
  void aNotificationPostedOnOneNodeReachesItsAudienceOnBoth() throws Exception {
    nodes[0] = node();
    nodes[1] = node();
    WsTestClient annHere = connect(nodes[0], "ann", "user");
    WsTestClient annThere = connect(nodes[1], "ann", "user");
    WsTestClient admin = connect(nodes[1], "root", "admin");

    publish(nodes[0], "for ann", ",\"user_id\":\"ann\"");
    publish(nodes[1], "for admins", ",\"user_role\":\"admin\"");
    publish(nodes[0], "for everyone", "");

    assertThat(next(annHere, "notification").get("title").getAsString()).isEqualTo("for ann");
    assertThat(next(annThere, "notification").get("title").getAsString()).isEqualTo("for ann");
    assertThat(next(admin, "notification").get("title").getAsString()).isEqualTo("for admins");
    // Delivered in publication order: had "for ann" or "for admins" reached the wrong tab it would be here.
    assertThat(next(admin, "notification").get("title").getAsString()).isEqualTo("for everyone");
    assertThat(next(annHere, "notification").get("title").getAsString()).isEqualTo("for everyone");
    assertThat(next(annThere, "notification").get("title").getAsString()).isEqualTo("for everyone");
  }

  @Test
  void aReadOnOneNodeIsSeenOnTheOtherAndARestartedNodeLosesNothing() throws Exception {
    nodes[0] = node();
    nodes[1] = node();
    WsTestClient annHere = connect(nodes[0], "ann", "user");
    WsTestClient annThere = connect(nodes[1], "ann", "user");
    String first = publish(nodes[0], "first", ",\"user_id\":\"ann\"");
    publish(nodes[1], "second", ",\"user_id\":\"ann\"");
    next(annHere, "notification");
    next(annHere, "notification");
    next(annThere, "notification");
    next(annThere, "notification");

    annHere.send("{\"command\":\"mark_read\",\"notification_id\":\"" + first + "\"}");

    for (WsTestClient tab : List.of(annHere, annThere)) {
      JsonObject read = next(tab, "read");
      assertThat(read.get("unread_count").getAsInt()).isEqualTo(1);
    }

    nodes[1].close();
    nodes[1] = node();
    List<String> replayed = new ArrayList<>();
    WsTestClient annBack = connect(nodes[1], "ann", "user", replayed);
    assertThat(replayed).as("the unread one is replayed on connect").containsExactly("second");
    annBack.send("{\"command\":\"get_history\",\"limit\":10}");
    JsonObject history = next(annBack, "history");
    assertThat(history.toString()).contains("\"first\"").contains("\"second\"");
  }
}
