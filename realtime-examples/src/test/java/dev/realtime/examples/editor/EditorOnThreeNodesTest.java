package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.Main;
import dev.realtime.testing.ot.EditingTrace;
import dev.realtime.testing.redis.RedisExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code editor --redis}: three nodes on one real Redis, authors spread over them on real
 * WebSockets, nodes restarted while they type. Every client converges on the store's text, and
 * the store's log holds every acknowledged operation exactly once. A node in its own JVM is
 * killed with SIGKILL while its authors type: they move to another node and lose nothing.
 */
class EditorOnThreeNodesTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();
  private static final String DOC = "shared";

  private final List<ExampleServer> nodes = new ArrayList<>();
  private final List<EditorPeer> peers = new ArrayList<>();
  private int started;

  @AfterEach
  void stop() {
    peers.forEach(EditorPeer::close);
    nodes.forEach(node -> {
      if (node != null) {
        node.close();
      }
    });
  }

  private ExampleServer startNode() throws Exception {
    Cluster cluster = new Cluster(redis.uri(), "node-" + ++started, Duration.ofSeconds(3));
    return ExampleServer.start(LaunchOptions.ephemeral("editor").withCluster(cluster), new EditorExample());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 2026})
  void authorsOnThreeNodesConvergeThroughNodeRestarts(long seed) throws Exception {
    Random random = new Random(seed);
    for (int i = 0; i < 3; i++) {
      nodes.add(startNode());
    }
    for (int i = 0; i < 6; i++) {
      peers.add(EditorPeer.connect(nodes.get(i % 3).wsPort(), "author" + i, DOC));
    }
    int restarts = 0;
    for (int round = 0; round < 90; round++) {
      if (round % 30 == 29) {
        // Stop a node while its authors have operations in flight; a new one takes its place.
        int victim = random.nextInt(3);
        nodes.get(victim).close();
        nodes.set(victim, startNode());
        restarts++;
      }
      for (EditorPeer peer : peers) {
        if (peer.disconnected()) {
          peer.reconnect(nodes.get(random.nextInt(3)).wsPort());
        }
        peer.edit(random);
        peer.drain(random.nextInt(3));
      }
    }
    assertThat(restarts).isEqualTo(3);
    StoreLog.assertConverged(peers, redis.uri(), DOC);
    assertThat(peers.stream().mapToInt(p -> p.reconnects).sum()).as("authors moved to other nodes").isPositive();

    // A late joiner on any node loads the same text.
    try (EditorPeer late = EditorPeer.connect(nodes.get(2).wsPort(), "late", DOC)) {
      assertThat(late.document.content()).isEqualTo(peers.get(0).document.content());
    }
  }

  @ParameterizedTest(name = "{0} authors per node")
  @ValueSource(ints = {4})
  void commitsRacingOnTwoNodesAreEachAppliedOnce(int perNode) throws Exception {
    Random random = new Random(99);
    nodes.add(startNode());
    nodes.add(startNode());
    for (int i = 0; i < 2 * perNode; i++) {
      peers.add(EditorPeer.connect(nodes.get(i % 2).wsPort(), "racer" + i, DOC));
    }
    // Nobody reads between edits: every node commits on revisions the others have moved past.
    for (int round = 0; round < 60; round++) {
      for (EditorPeer peer : peers) {
        peer.edit(random);
        peer.drain(0);
      }
    }
    StoreLog.assertConverged(peers, redis.uri(), DOC);
  }

  @Test
  void aNodeKilledMidEditLosesNothingAcknowledged() throws Exception {
    Random random = new Random(13);
    nodes.add(startNode());
    Process doomed = startProcess("doomed");
    try {
      int doomedPort = portOf(doomed);
      peers.add(EditorPeer.connect(doomedPort, "alice", DOC));
      peers.add(EditorPeer.connect(doomedPort, "carol", DOC));
      peers.add(EditorPeer.connect(nodes.get(0).wsPort(), "bob", DOC));
      for (int round = 0; round < 60; round++) {
        if (round == 30) {
          doomed.destroyForcibly(); // SIGKILL: no close frames, no goodbye to the cluster
        }
        for (EditorPeer peer : peers) {
          if (peer.disconnected()) {
            peer.reconnect(nodes.get(0).wsPort());
          }
          peer.edit(random);
          peer.drain(random.nextInt(3));
        }
      }
      assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
      int survivor = nodes.get(0).wsPort();
      peers.forEach(peer -> peer.failoverTo(() -> survivor));
      StoreLog.assertConverged(peers, redis.uri(), DOC);
      assertThat(peers.get(0).reconnects).as("alice moved to the survivor once").isEqualTo(1);
      // The dead node said nothing; its connections leave the survivor's user list once their presence expires.
      EditorPeer bob = peers.get(2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (!bob.usersLeft.containsAll(List.of("alice", "carol")) && System.nanoTime() < deadline) {
        bob.drain(200);
      }
      assertThat(bob.usersLeft).contains("alice", "carol");
    } finally {
      doomed.destroyForcibly();
    }
  }

  @Test
  void aRealTraceTypedByTwoAuthorsOnTwoNodesEndsExactlyAndALateJoinerOnAThirdLoadsIt() throws Exception {
    for (int i = 0; i < 3; i++) {
      nodes.add(startNode());
    }
    // A blog post written keystroke by keystroke (pastes and non-ASCII included), the first 2,000 edits.
    List<EditingTrace.Patch> patches = EditingTrace.load("seph-blog1").patches().subList(0, 2_000);
    EditorPeer first = EditorPeer.connect(nodes.get(0).wsPort(), "first", DOC);
    EditorPeer second = EditorPeer.connect(nodes.get(1).wsPort(), "second", DOC);
    peers.add(first);
    peers.add(second);
    Random random = new Random(3);
    String expected = "";
    EditorPeer author = first;
    for (int next = 0; next < patches.size(); ) {
      // Each author types a run of edits (composed while one is in flight), then hands over once the
      // other has everything: the trace's positions are for the text as its author saw it.
      EditorPeer other = author == first ? second : first;
      other.awaitSynchronized();
      author.awaitRevision(other.document.revision());
      int run = Math.min(patches.size() - next, 1 + random.nextInt(30));
      for (int i = 0; i < run; i++, next++) {
        EditingTrace.Patch patch = patches.get(next);
        expected = EditingTrace.operation(patch, expected).apply(expected);
        author.apply(EditingTrace.operation(patch, author.document.content()));
      }
      author = other;
    }
    StoreLog.assertConverged(peers, redis.uri(), DOC);
    assertThat(first.document.content()).isEqualTo(expected);
    try (EditorPeer late = EditorPeer.connect(nodes.get(2).wsPort(), "late", DOC)) {
      assertThat(late.document.content()).isEqualTo(expected);
    }
  }

  /** An editor node in its own JVM, as {@code java -jar realtime-examples.jar editor --redis} runs it. */
  private static Process startProcess(String nodeId) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        Main.class.getName(), "editor", "--host", "127.0.0.1", "--port", "0", "--redis", redis.uri(),
        "--node-id", nodeId, "--presence-ttl", "3");
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().close();
    return process;
  }

  /** Reads the port from the node's start banner. */
  private static int portOf(Process process) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern port = Pattern.compile("listening .*port (\\d+)");
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher matcher = port.matcher(line);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    throw new AssertionError("the node ended without listening: " + process.waitFor());
  }
}
