package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.protocol.Json;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The shared browser client, {@code /static/realtime-client.js}, in headless Chromium against real
 * servers: it reconnects after a server restart and the chat page says what may be missing
 * (recovered:false), resumes after a dropped socket with no gap and no duplicate and then sends what
 * was queued meanwhile, and notices a server that stopped answering its heartbeat.
 */
class RealtimeClientBrowserTest {
  @RegisterExtension static final BrowserExtension browsers = new BrowserExtension();

  private static final int MESSAGES = 60;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private ExampleServer chat() throws Exception {
    return opened(ExampleServer.start(LaunchOptions.ephemeral("chat"), new ChatExample()));
  }

  /** A plain client in {@code room} on {@code port}, returned once the server has it in the room. */
  private WsTestClient writer(int port, String room) throws Exception {
    WsTestClient writer = opened(WsTestClient.connect(port, "/ws?username=writer&room=" + room));
    for (;;) {
      JsonObject frame = Json.parseObject(writer.nextText());
      if (frame.get("type").getAsString().equals("join") && frame.get("content").getAsString().startsWith("writer ")) {
        return writer;
      }
    }
  }

  private static Object run(WebDriver page, String script) {
    return PageScripts.run(page, script);
  }

  private static String state(WebDriver page) {
    return (String) run(page, "return window.client.state;");
  }

  @Test
  void afterAServerRestartTheChatPageReconnectsAndSaysMessagesMayBeMissing() throws Exception {
    ExampleServer first = chat();
    TcpProxy balancer = opened(new TcpProxy(first.httpPort()));
    WebDriver page = browsers.open();
    page.get("http://127.0.0.1:" + balancer.port() + "/");
    page.findElement(By.id("username")).sendKeys("reader");
    WebElement room = page.findElement(By.id("room"));
    room.clear();
    room.sendKeys("news");
    page.findElement(By.id("join")).click();
    await(page, d -> status(d).equals("connected"));

    WsTestClient before = writer(first.wsPort(), "news");
    // the page says connected before the server's connect handler put it in the room; the
    // writer's join notice reaching it proves it is in
    await(page, d -> contents(d).contains("writer joined news"));
    before.send("{\"type\":\"message\",\"content\":\"before restart\"}");
    await(page, d -> contents(d).contains("before restart"));

    opened.remove(first);
    first.close(); // 1001 going away: the page retries …
    await(page, d -> status(d).equals("reconnecting"));
    ExampleServer second = chat(); // … and gets a server whose room streams started afresh
    balancer.target(second.httpPort());

    await(page, Duration.ofSeconds(20), d -> status(d).equals("connected"));
    String warning = "Some messages may be missing here (epoch_changed).";
    await(page, d -> contents(d).contains(warning));
    WsTestClient after = writer(second.wsPort(), "news");
    after.send("{\"type\":\"message\",\"content\":\"after restart\"}");
    await(page, d -> contents(d).contains("after restart"));
    List<String> shown = contents(page).stream()
        .filter(text -> text.equals("before restart") || text.equals(warning) || text.equals("after restart")).toList();
    assertThat(shown).containsExactly("before restart", warning, "after restart");

    // the page still sends on the new connection
    WebElement input = page.findElement(By.id("message-input"));
    input.sendKeys("reader is back");
    input.sendKeys(Keys.ENTER);
    await(page, d -> d.findElements(By.cssSelector("#messages .message.own .content")).stream()
        .map(WebElement::getText).anyMatch("reader is back"::equals));
  }

  @Test
  void aDroppedSocketIsResumedWithNoGapAndNoDuplicateThenWhatWasQueuedIsSent() throws Exception {
    ExampleServer server = chat();
    TcpProxy balancer = opened(new TcpProxy(server.httpPort()));
    WebDriver page = browsers.open();
    page.get("http://127.0.0.1:" + balancer.port() + "/");
    PageScripts.withClient(page, String.join("\n",
        "window.got = []; window.recoveries = []; window.joins = [];",
        "window.client = new Realtime.RealtimeClient('/ws', {",
        "  query: { username: 'reader', room: 'flow' }, heartbeat: false, initialDelayMs: 100, maxDelayMs: 400,",
        "  onRecovery: function (r) { window.recoveries.push(r); },",
        "  onMessage: function (m) { if (m.type === 'message') { window.got.push(m.content); }",
        "    if (m.type === 'join') { window.joins.push(m.content); } }",
        "});",
        "window.client.connect();"));
    await(page, d -> state(d).equals("connected"));

    WsTestClient writer = writer(server.wsPort(), "flow");
    // "connected" comes before the server's connect handler put the client in the room; the
    // writer's join notice reaching it proves it is in, so m-1 cannot miss it
    await(page, d -> ((List<?>) run(d, "return window.joins;")).contains("writer joined flow"));
    AtomicInteger sent = new AtomicInteger();
    Thread sending = new Thread(() -> {
      try {
        for (int i = 1; i <= MESSAGES; i++) {
          writer.send("{\"type\":\"message\",\"content\":\"m-" + i + "\"}");
          sent.set(i);
          Thread.sleep(40); // the pace of a lively chat
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "writer");
    sending.start();
    await(page, d -> received(d).size() >= 10);

    balancer.refuseNew(true);
    balancer.dropAll(); // no close frame: the socket just vanishes …
    await(page, d -> !state(d).equals("connected"));
    assertThat(run(page, "return window.client.send({ type: 'message', content: 'queued while away' });"))
        .isEqualTo("queued");
    int missedFrom = sent.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (sent.get() < missedFrom + 10) { // … while ten more messages go by
      assertThat(System.nanoTime()).as("ten messages sent").isLessThan(deadline);
      Thread.sleep(10); // polls the writer's counter
    }
    balancer.refuseNew(false);

    sending.join(TimeUnit.SECONDS.toMillis(30));
    await(page, Duration.ofSeconds(20), d -> received(d).size() >= MESSAGES + 1);
    List<String> got = received(page);
    assertThat(got.stream().filter(text -> text.startsWith("m-")).toList())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "m-" + i).toList());
    assertThat(got.stream().filter("queued while away"::equals)).hasSize(1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> recoveries = (List<Map<String, Object>>) run(page, "return window.recoveries;");
    assertThat(recoveries).isNotEmpty().allSatisfy(recovery -> {
      assertThat(recovery.get("room")).isEqualTo("flow");
      assertThat(recovery.get("recovered")).isEqualTo(true);
    });
    assertThat(run(page, "return window.client.queueSize;")).isEqualTo(0L);
  }

  @Test
  void aServerThatStopsAnsweringTheHeartbeatIsLeftAndReconnected() throws Exception {
    SwitchablePongExample example = new SwitchablePongExample();
    ExampleServer server = opened(ExampleServer.start(LaunchOptions.ephemeral("echo"), example));
    WebDriver page = browsers.open();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    // A timeout of seconds, not 400 ms: a pong the loaded machine delays must not end the connection
    // that the first half asserts is kept.
    PageScripts.withClient(page, String.join("\n",
        "window.changes = [];",
        "window.client = new Realtime.RealtimeClient('/ws', {",
        "  rooms: null, heartbeat: { intervalMs: 200, timeoutMs: 3000 }, initialDelayMs: 50, maxDelayMs: 100,",
        "  onStateChange: function (c) {",
        "    window.changes.push({ previous: c.previous, current: c.current, code: c.closeCode, reason: c.reason }); }",
        "});",
        "window.client.connect();"));
    await(page, d -> state(d).equals("connected"));
    // answered pings keep the connection
    await(page, d -> example.pings.get() >= 3);
    assertThat(changes(page)).hasSize(2);
    assertThat(server.metrics().snapshot().totalConnections()).isEqualTo(1);

    example.answering.set(false);
    await(page, d -> !timeouts(d).isEmpty());
    Map<String, Object> lost = timeouts(page).get(0);
    assertThat(lost.get("previous")).isEqualTo("connected");
    assertThat(lost.get("current")).isEqualTo("connecting");
    assertThat((String) lost.get("reason")).startsWith("heartbeat timeout");

    example.answering.set(true);
    await(page, d -> state(d).equals("connected") && server.metrics().snapshot().totalConnections() >= 2);
    int timedOut = timeouts(page).size();
    int pings = example.pings.get();
    await(page, d -> example.pings.get() >= pings + 3);
    assertThat(timeouts(page)).hasSize(timedOut);
    assertThat(state(page)).isEqualTo("connected");
  }

  private static String status(WebDriver page) {
    return page.findElement(By.id("status")).getText();
  }

  private static List<String> contents(WebDriver page) {
    return page.findElements(By.cssSelector("#messages .message .content")).stream().map(WebElement::getText).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> received(WebDriver page) {
    return (List<String>) run(page, "return window.got;");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> changes(WebDriver page) {
    return (List<Map<String, Object>>) run(page, "return window.changes;");
  }

  private static List<Map<String, Object>> timeouts(WebDriver page) {
    return changes(page).stream().filter(change -> Long.valueOf(4000).equals(change.get("code"))).toList();
  }
}
