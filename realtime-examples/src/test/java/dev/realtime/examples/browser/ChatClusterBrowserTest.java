package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.protocol.Json;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The chat page on two nodes sharing a real Redis, reached through a proxy as behind a load
 * balancer: its socket drops while messages keep coming, it reconnects (to another node, or the
 * same), resumes from its position, and shows every message exactly once, in order.
 */
class ChatClusterBrowserTest {
  @RegisterExtension static final BrowserExtension browsers = new BrowserExtension();
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private static final int MESSAGES = 60;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private ExampleServer node(String id) throws Exception {
    ExampleServer node = ExampleServer.start(
        LaunchOptions.ephemeral("chat").withCluster(new Cluster(redis.uri(), id, Duration.ofSeconds(5))), new ChatExample());
    opened.add(node);
    return node;
  }

  private WebDriver join(int port, String name, String room) throws Exception {
    WebDriver page = browsers.open();
    page.get("http://127.0.0.1:" + port + "/");
    page.findElement(By.id("username")).sendKeys(name);
    WebElement roomInput = page.findElement(By.id("room"));
    roomInput.clear();
    roomInput.sendKeys(room);
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    return page;
  }

  /** The page's conversation lines that are the writer's numbered messages, in order. */
  private static List<String> numbered(WebDriver page, String prefix) {
    return page.findElements(By.cssSelector("#messages .message .content")).stream()
        .map(WebElement::getText).filter(text -> text.startsWith(prefix)).toList();
  }

  private static List<String> expected(String prefix) {
    return IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> prefix + i).toList();
  }

  /** A plain client on {@code port} in {@code rooms}, returned once it is in all of them. */
  private WsTestClient writer(int port, String... rooms) throws Exception {
    WsTestClient writer = WsTestClient.connect(port, "/ws?username=writer&room=" + rooms[0]);
    opened.add(writer);
    for (int i = 1; i < rooms.length; i++) {
      writer.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"" + rooms[i] + "\"}}");
    }
    int joined = 0;
    while (joined < rooms.length) {
      JsonObject frame = Json.parseObject(writer.nextText());
      if (frame.get("type").getAsString().equals("join") && frame.get("content").getAsString().startsWith("writer ")) {
        joined++;
      }
    }
    return writer;
  }

  /**
   * Waits until the writer's join notice, published on its node, shows on the page: node a's
   * subscription to the room is then live. The page's "connected" comes before its node has even
   * joined it to the room, and a frame published before the subscription is live never reaches it.
   */
  private static void awaitNoticeCrossed(WebDriver page, String notice) {
    await(page, d -> d.findElements(By.cssSelector("#messages .message.system .content")).stream()
        .map(WebElement::getText).anyMatch(notice::equals));
  }

  /** Sends {@code MESSAGES} numbered messages per room, one every 40 ms, on its own thread; counts them in {@code sent}. */
  private static Thread send(WsTestClient writer, List<String> rooms, List<String> prefixes, AtomicInteger sent) {
    Thread thread = new Thread(() -> {
      try {
        for (int i = 1; i <= MESSAGES; i++) {
          for (int r = 0; r < rooms.size(); r++) {
            writer.send("{\"type\":\"message\",\"content\":\"" + prefixes.get(r) + i
                + "\",\"metadata\":{\"room\":\"" + rooms.get(r) + "\"}}");
          }
          sent.set(i);
          Thread.sleep(40); // the pace of a lively chat
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "writer");
    thread.start();
    return thread;
  }

  /** Waits until {@code sent} passes {@code count}: messages the page cannot receive meanwhile. */
  private static void awaitSent(AtomicInteger sent, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (sent.get() < count) {
      assertThat(System.nanoTime()).as("%d messages sent", count).isLessThan(deadline);
      Thread.sleep(10); // polls the writer's counter
    }
  }

  @Test
  void aPageWhoseNodeStopsResumesOnAnotherNodeWithNoGapAndNoDuplicate() throws Exception {
    ExampleServer a = node("a");
    ExampleServer b = node("b");
    TcpProxy balancer = new TcpProxy(a.httpPort());
    opened.add(balancer);
    WebDriver page = join(balancer.port(), "reader", "flow");
    await(page, d -> d.findElement(By.id("node")).getText().equals("node a"));

    WsTestClient writer = writer(b.wsPort(), "flow");
    awaitNoticeCrossed(page, "writer joined flow");
    AtomicInteger sent = new AtomicInteger();
    Thread sending = send(writer, List.of("flow"), List.of("m-"), sent);
    await(page, d -> numbered(d, "m-").size() >= 10);

    opened.remove(a);
    a.close();                     // a stops: its clients get 1001 and try to reconnect, in vain …
    awaitSent(sent, sent.get() + 10);
    balancer.target(b.httpPort()); // … until the balancer sends them to b, ten messages later

    await(page, d -> d.findElement(By.id("node")).getText().equals("node b"));
    sending.join(TimeUnit.SECONDS.toMillis(30));
    Function<WebDriver, Boolean> allIn = d -> numbered(d, "m-").size() >= MESSAGES;
    await(page, Duration.ofSeconds(20), allIn);
    assertThat(numbered(page, "m-")).containsExactlyElementsOf(expected("m-"));
    assertThat(page.findElement(By.id("status")).getText()).isEqualTo("connected");
  }

  @Test
  void aDroppedSocketResumesEveryRoomOnTheSameNodeTheFirstFromTheUrlTheOthersFromJoinRoom() throws Exception {
    ExampleServer a = node("a");
    ExampleServer b = node("b");
    TcpProxy balancer = new TcpProxy(a.httpPort());
    opened.add(balancer);
    WebDriver page = join(balancer.port(), "reader", "flow");
    // A second client of the shared script in the same page, in two rooms: its first room from the
    // connect URL, the other joined with joinRoom, so a reconnect resumes both ways.
    // (the client's default rooms are the chat's: ?since&epoch for the first, join_room for the rest)
    PageScripts.withClient(page, String.join("\n",
        "window.side = [];",
        "window.sideJoins = [];",
        "window.sideClient = new Realtime.RealtimeClient('/ws', {",
        "  query: { username: 'scripted', room: 'home' }, heartbeat: false,",
        "  onMessage: function (m) {",
        "    if (m.type === 'message' && (m.room === 'side' || m.room === 'home')) { window.side.push(m.room + ':' + m.content); }",
        "    if (m.type === 'join' && m.content === 'scripted joined side') { window.sideJoined = true; }",
        "    if (m.type === 'join') { window.sideJoins.push(m.content); } }",
        "});",
        "window.sideClient.join('side');",
        "window.sideClient.connect();"));
    await(page, d -> Boolean.TRUE.equals(PageScripts.run(d, "return window.sideJoined === true;")));

    WsTestClient writer = writer(b.wsPort(), "flow", "side", "home");
    awaitNoticeCrossed(page, "writer joined flow");
    await(page, d -> ((List<?>) PageScripts.run(d, "return window.sideJoins;"))
        .containsAll(List.of("writer joined side", "writer joined home")));
    AtomicInteger sent = new AtomicInteger();
    Thread sending = send(writer, List.of("flow", "side", "home"), List.of("m-", "s-", "h-"), sent);
    await(page, d -> numbered(d, "m-").size() >= 10);
    balancer.refuseNew(true);
    balancer.dropAll(); // no close frame: both sockets of the page just vanish …
    awaitSent(sent, sent.get() + 10);
    balancer.refuseNew(false); // … and come back to a, ten messages later

    sending.join(TimeUnit.SECONDS.toMillis(30));
    await(page, Duration.ofSeconds(20), d -> numbered(d, "m-").size() >= MESSAGES);
    assertThat(numbered(page, "m-")).containsExactlyElementsOf(expected("m-"));
    assertThat(page.findElement(By.id("node")).getText()).isEqualTo("node a");

    await(page, Duration.ofSeconds(20), d -> ((Number) PageScripts.run(d, "return window.side.length;")).intValue()
        >= 2 * MESSAGES);
    @SuppressWarnings("unchecked")
    List<String> side = (List<String>) PageScripts.run(page, "return window.side;");
    assertThat(side.stream().filter(line -> line.startsWith("side:")).toList())
        .containsExactlyElementsOf(expected("s-").stream().map(text -> "side:" + text).toList());
    assertThat(side.stream().filter(line -> line.startsWith("home:")).toList())
        .containsExactlyElementsOf(expected("h-").stream().map(text -> "home:" + text).toList());
  }
}
