package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.editor.EditorExample;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.ot.EditingTrace;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Real browsers typing into one document at the same spot at the same time, on one node and across a cluster. */
class EditorBrowserTest {
  private static final String EMOJI = "\uD83D\uDE00";
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();
  @RegisterExtension
  static final RedisExtension redis = RedisExtension.standalone();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("editor"), new EditorExample());

  private WebDriver open(String name, String doc) throws Exception {
    return open(server.httpUrl(), name, doc);
  }

  private static WebDriver open(String url, String name, String doc) throws Exception {
    WebDriver page = browsers.open();
    page.get(url);
    page.findElement(By.id("username")).sendKeys(name);
    WebElement docInput = page.findElement(By.id("doc"));
    docInput.clear();
    docInput.sendKeys(doc);
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected")
        && d.findElement(By.id("editor")).isEnabled());
    return page;
  }

  /** Starts editor nodes on the test's Redis, adding each to {@code nodes} (so the caller closes those that started). */
  private static void startNodes(List<ExampleServer> nodes, String... ids) throws Exception {
    for (String id : ids) {
      Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
      nodes.add(ExampleServer.start(LaunchOptions.ephemeral("editor").withCluster(cluster), new EditorExample()));
    }
  }

  private static Object js(WebDriver page, String script, Object... args) {
    return ((JavascriptExecutor) page).executeScript(script, args);
  }

  private static String value(WebDriver page) {
    return (String) js(page, "return document.getElementById('editor').value;");
  }

  private static boolean settled(WebDriver page) {
    return "synchronized".equals(js(page, "return window.editorPage.state();"))
        && value(page).equals(js(page, "return window.editorPage.text();"));
  }

  private static long revision(WebDriver page) {
    return ((Number) js(page, "return window.editorPage.revision();")).longValue();
  }

  /** Inserts at the caret as a paste or IME commit would: the browser fires a real input event. */
  private static void insertText(WebDriver page, String text) {
    js(page, "const a = document.getElementById('editor'); a.focus(); document.execCommand('insertText', false, arguments[0]);",
        text);
  }

  private static Map<Integer, Long> codePoints(String text) {
    return text.codePoints().boxed().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
  }

  @Test
  void twoPagesTypingAtTheSameSpotAtOnceEndWithTheSameTextAsTheServer() throws Exception {
    WebDriver alice = open("alice", "race");
    WebDriver bob = open("bob", "race");
    await(alice, d -> d.findElements(By.cssSelector("#users li")).size() == 2);
    WebElement aliceArea = alice.findElement(By.id("editor"));
    WebElement bobArea = bob.findElement(By.id("editor"));

    StringBuilder typed = new StringBuilder();
    for (int round = 0; round < 4; round++) {
      // No waiting between the two: both type at the end of the same text while the other's edits are in flight.
      aliceArea.sendKeys("al" + round);
      bobArea.sendKeys("bo" + round);
      insertText(alice, EMOJI);
      insertText(bob, "\u00e9" + EMOJI);
      typed.append("al").append(round).append("bo").append(round).append(EMOJI).append('\u00e9').append(EMOJI);
    }
    // The same spot at the very start, too, and a deletion.
    js(alice, "const a = document.getElementById('editor'); a.focus(); a.setSelectionRange(0, 0);");
    js(bob, "const a = document.getElementById('editor'); a.focus(); a.setSelectionRange(0, 0);");
    insertText(alice, "A>");
    insertText(bob, "B>");
    typed.append("A>B>");

    await(alice, d -> settled(alice) && settled(bob) && revision(alice) == revision(bob));
    String text = value(alice);
    assertThat(value(bob)).isEqualTo(text);
    // Every keystroke of both survived, emoji whole.
    assertThat(codePoints(text)).isEqualTo(codePoints(typed.toString()));
    assertThat(alice.findElement(By.id("char-count")).getText())
        .isEqualTo(String.valueOf(text.codePointCount(0, text.length())));
    assertThat(alice.findElement(By.id("version")).getText()).isEqualTo(String.valueOf(revision(alice)));

    // A page joining late gets the server's text, which is the same.
    WebDriver carol = open("carol", "race");
    assertThat(value(carol)).isEqualTo(text);
    await(alice, d -> d.findElements(By.cssSelector("#users li")).size() == 3);
    assertThat(alice.findElements(By.cssSelector("#log li")).size()).isGreaterThan(2);
  }

  @Test
  void pagesOnThreeNodesOfAClusterTypeIntoOneDocument() throws Exception {
    List<ExampleServer> nodes = new ArrayList<>();
    try {
      startNodes(nodes, "one", "two", "three");
      WebDriver alice = open(nodes.get(0).pageUrl(), "alice", "spread");
      WebDriver bob = open(nodes.get(1).pageUrl(), "bob", "spread");
      // Bob is on another node, yet in alice's list: participants are cluster-wide.
      await(alice, d -> d.findElements(By.cssSelector("#users li")).size() == 2);
      StringBuilder typed = new StringBuilder();
      for (int round = 0; round < 3; round++) {
        alice.findElement(By.id("editor")).sendKeys("al" + round);
        bob.findElement(By.id("editor")).sendKeys("bo" + round);
        insertText(bob, EMOJI);
        typed.append("al").append(round).append("bo").append(round).append(EMOJI);
      }
      await(alice, d -> settled(alice) && settled(bob) && revision(alice) == revision(bob));
      String text = value(alice);
      assertThat(value(bob)).isEqualTo(text);
      assertThat(codePoints(text)).isEqualTo(codePoints(typed.toString()));

      // A late joiner on the third node loads the same text and sees both others.
      WebDriver carol = open(nodes.get(2).pageUrl(), "carol", "spread");
      assertThat(value(carol)).isEqualTo(text);
      await(carol, d -> d.findElements(By.cssSelector("#users li")).size() == 3);
      insertText(carol, "!");
      await(alice, d -> value(alice).equals(value(carol)) && settled(carol));
    } finally {
      nodes.forEach(ExampleServer::close);
    }
  }

  @Test
  void aRealTraceTypedThroughTheOtJsClientOnTwoNodesEndsExactlyAndALateJoinerOnAThirdLoadsIt() throws Exception {
    List<ExampleServer> nodes = new ArrayList<>();
    try {
      startNodes(nodes, "left", "right", "late");
      WebDriver first = open(nodes.get(0).pageUrl(), "first", "trace");
      WebDriver second = open(nodes.get(1).pageUrl(), "second", "trace");
      // The start of a blog post written keystroke by keystroke: each edit a real input event.
      List<EditingTrace.Patch> patches = EditingTrace.load("seph-blog1").patches().subList(0, 400);
      Random random = new Random(11);
      String expected = "";
      WebDriver author = first;
      for (int next = 0; next < patches.size(); ) {
        String before = expected;
        // Hand over only once both pages have everything: the trace's positions are for that text.
        await(first, d -> settled(first) && settled(second) && revision(first) == revision(second)
            && value(first).equals(before));
        List<List<Object>> run = new ArrayList<>();
        for (int i = 1 + random.nextInt(25); i > 0 && next < patches.size(); i--, next++) {
          EditingTrace.Patch patch = patches.get(next);
          int start = expected.offsetByCodePoints(0, patch.position());
          int end = expected.offsetByCodePoints(start, patch.deleted());
          run.add(List.of(start, end, patch.inserted()));
          expected = expected.substring(0, start) + patch.inserted() + expected.substring(end);
        }
        js(author, "const a = document.getElementById('editor'); a.focus();"
            + " for (const p of arguments[0]) {"
            + "   a.setSelectionRange(p[0], p[1]);"
            + "   if (p[2].length > 0) { document.execCommand('insertText', false, p[2]); }"
            + "   else if (p[1] > p[0]) { document.execCommand('delete'); }"
            + " }", run);
        author = author == first ? second : first;
      }
      String text = expected;
      await(first, d -> settled(first) && settled(second) && value(first).equals(text) && value(second).equals(text));
      WebDriver late = open(nodes.get(2).pageUrl(), "late", "trace");
      assertThat(value(late)).isEqualTo(text);
    } finally {
      nodes.forEach(ExampleServer::close);
    }
  }

  @Test
  void aPageThatLosesItsConnectionResubmitsAndCatchesUp() throws Exception {
    WebDriver alice = open("alice", "flaky");
    WebDriver bob = open("bob", "flaky");
    insertText(alice, "start ");
    await(bob, d -> value(bob).equals("start "));

    // Sent and dropped at once: the server may or may not have applied it before the close.
    js(alice, "const a = document.getElementById('editor'); a.focus();"
        + " document.execCommand('insertText', false, 'sent ');"
        + " window.editorPage.dropConnection();");
    insertText(alice, "offline" + EMOJI + " ");
    insertText(bob, "online ");

    await(alice, d -> d.findElement(By.id("status")).getText().equals("connected")
        && settled(alice) && settled(bob) && revision(alice) == revision(bob));
    String text = value(alice);
    assertThat(value(bob)).isEqualTo(text);
    assertThat(codePoints(text)).isEqualTo(codePoints("start sent offline" + EMOJI + " online "));
    assertThat(text).contains("sent offline" + EMOJI);
    assertThat(alice.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText))
        .anyMatch(line -> line.startsWith("reconnected at version"));
    WebDriver carol = open("carol", "flaky");
    assertThat(value(carol)).isEqualTo(text);
  }

  @Test
  void remoteOperationsWaitUntilAnImeCompositionEnds() throws Exception {
    WebDriver alice = open("alice", "ime");
    WebDriver bob = open("bob", "ime");
    insertText(alice, "ab");
    await(bob, d -> value(bob).equals("ab"));

    // The IME owns the textarea: its intermediate text is not sent, and remote edits wait.
    js(alice, "const a = document.getElementById('editor'); a.focus(); a.setSelectionRange(1, 1);"
        + " a.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));"
        + " document.execCommand('insertText', false, 'k');");
    insertText(bob, "Z");
    await(alice, d -> ((Number) js(alice, "return window.editorPage.held();")).intValue() == 1);
    assertThat(value(bob)).isEqualTo("abZ");
    js(alice, "const a = document.getElementById('editor'); a.setSelectionRange(1, 2);"
        + " document.execCommand('insertText', false, '\u304b');"
        + " a.dispatchEvent(new CompositionEvent('compositionend', {data: '\u304b'}));");

    await(alice, d -> settled(alice) && settled(bob) && revision(alice) == revision(bob));
    assertThat(value(alice)).isEqualTo("a\u304bbZ").isEqualTo(value(bob));
  }

  @Test
  void remoteCursorsShowTheirNamesAndHtmlIsShownAsText() throws Exception {
    WebDriver alice = open("alice", "cursors");
    WebDriver bob = open("<b>bob</b>", "cursors");
    insertText(alice, "<img src=x onerror=alert(1)> hello");
    await(bob, d -> value(bob).endsWith("hello"));
    js(bob, "const a = document.getElementById('editor'); a.focus(); a.setSelectionRange(3, 3);"
        + " a.dispatchEvent(new Event('select'));");
    await(alice, d -> d.findElements(By.cssSelector("#mirror .remote-label")).stream()
        .anyMatch(label -> label.getText().equals("<b>bob</b>")));
    assertThat(alice.findElements(By.cssSelector("#mirror img, #users b, #log img"))).isEmpty();
    await(alice, d -> d.findElements(By.cssSelector("#users li .where")).stream()
        .anyMatch(where -> where.getText().equals("line 1, col 4")));
  }

  @Test
  void theJavaScriptEngineAgreesWithTheJavaEngine() throws Exception {
    WebDriver page = open("checker", "engine");
    Random random = new Random(7);
    List<List<String>> cases = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String text = randomText(random);
      TextOperation a = randomOperation(random, text);
      TextOperation b = randomOperation(random, text);
      TextOperation next = randomOperation(random, a.apply(text));
      Transformed<TextOperation> transformed = TextOperation.transformBoth(a, b);
      cases.add(List.of(text, TextOperationCodec.toJsonString(a), TextOperationCodec.toJsonString(b),
          TextOperationCodec.toJsonString(next)));
      expected.add(List.of(TextOperationCodec.toJsonString(transformed.aPrime()),
          TextOperationCodec.toJsonString(transformed.bPrime()), TextOperationCodec.toJsonString(a.compose(next)),
          a.apply(text)));
    }
    @SuppressWarnings("unchecked")
    List<List<String>> actual = (List<List<String>>) js(page,
        "const T = OT.TextOperation;"
            + "return arguments[0].map(function (c) {"
            + "  const a = T.fromJSON(JSON.parse(c[1])), b = T.fromJSON(JSON.parse(c[2])), n = T.fromJSON(JSON.parse(c[3]));"
            + "  const p = T.transform(a, b);"
            + "  return [JSON.stringify(p[0]), JSON.stringify(p[1]), JSON.stringify(a.compose(n)), a.apply(c[0])];"
            + "});",
        cases);
    for (int i = 0; i < cases.size(); i++) {
      assertThat(actual.get(i)).as("case %s", cases.get(i)).isEqualTo(expected.get(i));
    }
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      text.append(random.nextInt(4) == 0 ? EMOJI : String.valueOf((char) ('a' + random.nextInt(3))));
    }
    return text.toString();
  }

  /** A random edit of {@code text} whose boundaries fall on code points. */
  private static TextOperation randomOperation(Random random, String text) {
    TextOperation.Builder builder = TextOperation.builder();
    int index = 0;
    while (index < text.length()) {
      int width = Character.charCount(text.codePointAt(index));
      if (random.nextInt(4) == 0) {
        builder.insert(randomText(random) + "x");
      }
      if (random.nextInt(3) == 0) {
        builder.delete(width);
      } else {
        builder.retain(width);
      }
      index += width;
    }
    if (random.nextBoolean()) {
      builder.insert("z");
    }
    return builder.build();
  }
}
