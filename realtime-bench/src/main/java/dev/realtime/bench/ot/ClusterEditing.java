package dev.realtime.bench.ot;

import static dev.realtime.bench.CommandLine.loadAverage;
import static dev.realtime.bench.CommandLine.option;

import com.google.gson.JsonObject;
import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.editor.EditorExample;
import dev.realtime.hub.RateLimit;
import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.Json;
import dev.realtime.testing.ot.EditingTrace;
import dev.realtime.testing.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * How fast one document goes when its authors sit on different nodes of an editor cluster on
 * Redis ({@code editor --redis}), beside the same authors on one node: committed operations per
 * second and commit latency (send to ack) with two authors who type as fast as acks come back, and
 * the time to replay a real editing trace through the cluster until an observer on the other node
 * has it all.
 *
 * <p>{@code java -cp realtime-bench.jar dev.realtime.bench.ot.ClusterEditing [--uri redis://…]
 * [--seconds 10] [--warmup 3] [--trace-edits 10000]}. Without {@code --uri} it starts its own
 * {@code redis-server} (no persistence). The nodes run in this JVM, on loopback, beside the clients.
 * The hubs' inbound rate limit (50 messages/s per client) would cap the authors, so the nodes run
 * without it.
 */
public final class ClusterEditing {

  private ClusterEditing() {}

  /** Runs the measurements and prints the figures. */
  public static void main(String[] args) throws Exception {
    String uri = option(args, "--uri", null);
    int seconds = Integer.parseInt(option(args, "--seconds", "10"));
    int warmup = Integer.parseInt(option(args, "--warmup", "3"));
    int traceEdits = Integer.parseInt(option(args, "--trace-edits", "10000"));
    RedisServer server = uri == null ? RedisServer.start() : null;
    String target = uri != null ? uri : server.uri();
    System.out.printf(Locale.ROOT, "redis %s, %d cores, load %.2f%n", target,
        Runtime.getRuntime().availableProcessors(), loadAverage());
    System.out.println("scenario                  ops/s  commit p50 ms  p99 ms  max ms  refused (resent)");
    int run = 0;
    try {
      for (int nodes : new int[] {1, 2}) {
        String doc = "bench-" + run++;
        try (Nodes cluster = Nodes.start(target, nodes)) {
          List<Author> authors = List.of(Author.connect(cluster.port(0), doc, "a"),
              Author.connect(cluster.port(nodes - 1), doc, "b"));
          authors.forEach(Author::type);
          TimeUnit.SECONDS.sleep(warmup);
          authors.forEach(Author::reset);
          TimeUnit.SECONDS.sleep(seconds);
          authors.forEach(Author::stop);
          long[] latencies = authors.stream().flatMapToLong(a -> Arrays.stream(a.latencies())).sorted().toArray();
          System.out.printf(Locale.ROOT, "2 authors on %d node(s)  %6.0f  %13.2f  %6.2f  %6.2f  %7d%n", nodes,
              latencies.length / (double) seconds, millis(latencies, 0.50), millis(latencies, 0.99),
              millis(latencies, 1.0), authors.stream().mapToInt(Author::refused).sum());
          authors.forEach(Author::close);
        }
      }
      List<EditingTrace.Patch> patches = EditingTrace.load("automerge-paper").patches();
      List<EditingTrace.Patch> replayed = patches.subList(0, Math.min(traceEdits, patches.size()));
      System.out.println("trace replay (automerge-paper, first " + replayed.size()
          + " edits, each its own operation; the observer has them all at the end)");
      for (int nodes : new int[] {1, 2}) {
        String doc = "trace-" + run++;
        try (Nodes cluster = Nodes.start(target, nodes)) {
          Author author = Author.connect(cluster.port(0), doc, "writer");
          Author observer = Author.connect(cluster.port(nodes - 1), doc, "reader");
          long started = System.nanoTime();
          String text = author.replay(replayed);
          observer.awaitText(text);
          double elapsed = (System.nanoTime() - started) / 1e9;
          System.out.printf(Locale.ROOT, "  author and observer on %d node(s): %.2f s, %d revisions (%.0f edits/s,"
              + " %.2f ms per edit until acknowledged)%n", nodes, elapsed, observer.document.revision(),
              replayed.size() / elapsed, elapsed * 1000 / replayed.size());
          author.close();
          observer.close();
        }
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** Editor nodes on one Redis. */
  private record Nodes(List<ExampleServer> servers) implements AutoCloseable {
    static Nodes start(String redis, int count) throws Exception {
      List<ExampleServer> servers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Cluster cluster = new Cluster(redis, "bench-" + System.nanoTime(), Cluster.DEFAULT_PRESENCE_TTL);
        EditorExample editor = new EditorExample(RateLimit.UNLIMITED);
        servers.add(ExampleServer.start(LaunchOptions.ephemeral("editor").withCluster(cluster), editor));
      }
      return new Nodes(servers);
    }

    int port(int node) {
      return servers.get(node).wsPort();
    }

    @Override
    public void close() {
      servers.forEach(ExampleServer::close);
    }
  }

  /** One editing client: the OT client state machine on the socket's listener thread. */
  private static final class Author implements WebSocket.Listener {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Random random = new Random(1);
    private WebSocket socket;
    private volatile ClientDocument<String, TextOperation> document;
    private long[] latencies = new long[1 << 16];
    private int count;
    private int refused;
    private long sentAt;
    private long sentSeq;
    private boolean typing;
    private volatile CompletableFuture<Void> settled = new CompletableFuture<>();
    private volatile String awaited;

    static Author connect(int port, String doc, String name) throws Exception {
      Author author = new Author();
      author.socket = HTTP.newWebSocketBuilder().buildAsync(
          URI.create("ws://127.0.0.1:" + port + "/editor?doc=" + doc + "&username=" + name + "&client=s-" + name),
          author).get(10, TimeUnit.SECONDS);
      author.loaded.get(10, TimeUnit.SECONDS);
      return author;
    }

    synchronized void type() {
      typing = true;
      edit();
    }

    synchronized void reset() {
      count = 0;
      refused = 0;
    }

    synchronized int refused() {
      return refused;
    }

    synchronized void stop() {
      typing = false;
    }

    synchronized long[] latencies() {
      return Arrays.copyOf(latencies, count);
    }

    /** Sends every patch as its own operation, the next once the last is acknowledged; returns the text. */
    String replay(List<EditingTrace.Patch> patches) throws Exception {
      for (EditingTrace.Patch patch : patches) {
        CompletableFuture<Void> acked;
        synchronized (this) {
          acked = new CompletableFuture<>();
          settled = acked;
          document.applyLocal(EditingTrace.operation(patch, document.content())).ifPresent(this::send);
        }
        acked.get(1, TimeUnit.MINUTES);
      }
      return document.content();
    }

    void awaitText(String text) throws Exception {
      synchronized (this) {
        awaited = text;
        settled = new CompletableFuture<>();
        if (document.content().equals(text)) {
          settled.complete(null);
        }
      }
      settled.get(5, TimeUnit.MINUTES);
    }

    private void edit() {
      String text = document.content();
      TextOperation op = TextOperation.insert(text.length(), random.nextInt(text.length() + 1), "x");
      document.applyLocal(op).ifPresent(this::send);
    }

    private void send(ClientDocument.Outgoing<TextOperation> outgoing) {
      JsonObject message = new JsonObject();
      message.addProperty("type", "operation");
      message.addProperty("version", outgoing.revision());
      message.addProperty("seq", outgoing.seq());
      message.add("operation", TextOperationCodec.toJson(outgoing.operation()));
      if (outgoing.seq() != sentSeq) {
        // A resent operation's latency counts from its first send.
        sentSeq = outgoing.seq();
        sentAt = System.nanoTime();
      }
      socket.sendText(Json.encode(message), true);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        handle(Json.parseObject(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private synchronized void handle(JsonObject frame) {
      switch (frame.get("type").getAsString()) {
        case "document_state" -> {
          document = ClientDocument.text(
              new DocumentSnapshot<>(frame.get("version").getAsInt(), frame.get("content").getAsString()));
          loaded.complete(null);
        }
        case "operation" -> {
          document.applyServer(TextOperationCodec.fromJson(frame.get("operation")));
          if (awaited != null && document.content().equals(awaited)) {
            settled.complete(null);
          }
        }
        case "ack" -> {
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = System.nanoTime() - sentAt;
          document.serverAck(frame.get("seq").getAsLong()).ifPresent(this::send);
          if (document.state() == ClientDocument.State.SYNCHRONIZED) {
            settled.complete(null);
            if (typing) {
              edit();
            }
          }
        }
        case "error" -> {
          // commit_conflict or unavailable: nothing was applied; send it again, as the page does.
          refused++;
          document.pending().ifPresent(this::send);
        }
        default -> { }
      }
    }

    void close() {
      socket.sendClose(1000, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  private static double millis(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
