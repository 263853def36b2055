package dev.realtime.examples.tools;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.client.RealtimeClient;
import dev.realtime.client.SendResult;
import dev.realtime.client.State;
import dev.realtime.client.StateChange;
import dev.realtime.client.TokenSupplier;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code client URL}: the interactive terminal client. Each line typed is sent — as it is when it
 * is a JSON object, else as a chat message — and each frame received is printed on one line
 * ({@link FrameFormat}); state changes go to stderr, so stdout holds frames only. It reconnects
 * and resumes its rooms like any {@link RealtimeClient}. Ctrl-C closes cleanly; so does the end of
 * input, after the server has answered what was sent, which makes it scriptable.
 */
public final class ClientTool implements Tool {
  /** The tool, for the jar's command line. */
  public static final ClientTool TOOL = new ClientTool();

  private static final ToolOptions.Option TOKEN_URL = new ToolOptions.Option("--token-url", "URL",
      "before every connect, GET a token from URL (JSON {\"token\":…}) and send it as\n"
          + "?token= (chat --auth: http://localhost:8080/token?username=ann)");
  private static final ToolOptions.Option WAIT = new ToolOptions.Option("--wait", "S",
      "at the end of input, wait up to S seconds for the connection and for the\n"
          + "answers to what was sent (default 5)");
  private static final ToolOptions.Option RAW = new ToolOptions.Option("--raw", null,
      "print frames as received (JSON text, control characters escaped)");
  private static final List<ToolOptions.Option> OPTIONS = List.of(TOKEN_URL, WAIT, RAW, ToolOptions.HELP);
  private static final String END_OF_INPUT = "client-end-of-input";
  /**
   * After the end marker's answer, how long the server must stay quiet before the client closes:
   * a room broadcast through a cluster's broker may come back after the direct answer to a later ping.
   */
  private static final Duration QUIET = Duration.ofMillis(200);

  private ClientTool() {}

  @Override
  public String name() {
    return "client";
  }

  @Override
  public String summary() {
    return "a terminal client: sends the lines you type, prints the frames it receives";
  }

  /** The help text. */
  public static String usage() {
    return ToolOptions.usage("client URL [options]",
        "Connects to URL (ws:// or wss://), sends each line typed and prints each frame received,\n"
            + "one per line, type first. A line that is a JSON object is sent as it is; any other line\n"
            + "as a chat message, {\"type\":\"message\",\"content\":LINE}. Connection changes go to stderr.\n"
            + "Reconnects with backoff and resumes its rooms; Ctrl-C or the end of input closes.",
        OPTIONS,
        List.of("java -jar realtime-examples.jar client 'ws://localhost:8080/ws?username=ann&room=general'",
            "echo '{\"type\":\"users\"}' | java -jar realtime-examples.jar client 'ws://localhost:8080/ws?username=x'"));
  }

  @Override
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
    if (ToolOptions.wantsHelp(args)) {
      out.print(usage());
      return 0;
    }
    URI url;
    Optional<URI> tokenUrl;
    Duration wait;
    boolean raw;
    try {
      ToolOptions options = ToolOptions.parse(args, OPTIONS);
      url = options.webSocketUrl();
      tokenUrl = options.httpUrl(TOKEN_URL.name());
      wait = Duration.ofMillis(Math.round(options.number(WAIT.name(), 5, 0) * 1000));
      raw = options.has(RAW.name());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(usage());
      return USAGE;
    }
    return new Session(url, tokenUrl, wait, raw, out, err).run(in);
  }

  /** One run: the client, the lines read, and what ends it. */
  private static final class Session {
    private final Duration wait;
    private final boolean raw;
    private final PrintStream out;
    private final PrintStream err;
    private final RealtimeClient client;
    /** Lines read from the input; empty at its end. Also woken when the server stops the client. */
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final AtomicBoolean stoppedByServer = new AtomicBoolean();
    /** Set once the client has been connected: from then on a lost connection is retried. */
    private final AtomicBoolean everConnected = new AtomicBoolean();
    /** Why the first attempt failed: the server cannot be reached, so the run ends at once. */
    private volatile String unreachable;
    /** Whether "queued" was said since the client was last connected: once is enough. */
    private final AtomicBoolean toldQueued = new AtomicBoolean();
    private final boolean hintTokens;
    /** When the last frame arrived ({@link System#nanoTime}). */
    private volatile long lastFrame = System.nanoTime();

    Session(URI url, Optional<URI> tokenUrl, Duration wait, boolean raw, PrintStream out, PrintStream err) {
      this.wait = wait;
      this.raw = raw;
      this.out = out;
      this.err = err;
      this.hintTokens = tokenUrl.isEmpty();
      RealtimeClient.Builder builder = RealtimeClient.builder(url)
          .onText(this::print)
          .onStateChange(this::changed);
      tokenUrl.ifPresent(endpoint -> builder.token(TokenSupplier.fromEndpoint(HttpClient.newHttpClient(), endpoint)));
      this.client = builder.build();
    }

    int run(InputStream in) throws InterruptedException {
      Thread closeOnExit = new Thread(this::closeAndWait, "realtime-client-shutdown");
      Runtime.getRuntime().addShutdownHook(closeOnExit);
      try {
        startReading(in);
        client.connect();
        while (true) {
          Optional<String> line = lines.take();
          if (stopped()) {
            break;
          }
          if (line.isEmpty()) {
            awaitAnswers();
            break;
          }
          send(line.get());
        }
        int unsent = client.queueSize();
        closeAndWait();
        if (unreachable != null) {
          // One line: what was typed meanwhile was never sent, which the line implies.
          err.println("error: cannot connect to " + FrameFormat.escape(client.url().toString()) + ": "
              + FrameFormat.escape(unreachable));
          return 1;
        }
        if (unsent > 0) {
          err.println("* " + unsent + (unsent == 1 ? " message was" : " messages were") + " never sent");
        }
        return stoppedByServer.get() || unsent > 0 ? 1 : 0;
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running
        }
      }
    }

    private void startReading(InputStream in) {
      Thread reader = new Thread(() -> {
        try (BufferedReader input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (!line.isBlank()) {
              lines.add(Optional.of(line));
            }
          }
        } catch (IOException e) {
          err.println("* cannot read the input: " + e.getMessage());
        }
        lines.add(Optional.empty());
      }, "realtime-client-input");
      reader.setDaemon(true);
      reader.start();
    }

    private void send(String line) {
      String frame = frameFor(line);
      SendResult result;
      try {
        result = client.send(frame);
      } catch (IllegalArgumentException e) {
        err.println("* not sent: " + e.getMessage());
        return;
      }
      switch (result) {
        case QUEUED -> {
          // Before the first connection queueing is the normal start; after it, an outage to mention.
          if (everConnected.get() && toldQueued.compareAndSet(false, true)) {
            err.println("* not connected: lines are queued until connected");
          }
        }
        case QUEUE_FULL -> err.println("* not sent: the outbound queue is full");
        case CLOSED -> err.println("* not sent: the client is closed");
        case SENT -> { }
      }
    }

    /** At the end of input: once connected and flushed, a ping marks the end; its pong means answered. */
    private void awaitAnswers() throws InterruptedException {
      long end = System.nanoTime() + wait.toNanos();
      while (!stopped() && (client.state() != State.CONNECTED || client.queueSize() > 0)) {
        if (System.nanoTime() >= end || client.state() == State.CLOSED) {
          return;
        }
        Optional<String> more = lines.poll(20, TimeUnit.MILLISECONDS);
        if (more != null && more.isPresent()) {
          send(more.get());
        }
      }
      if (stopped()) {
        return;
      }
      JsonObject marker = new JsonObject();
      marker.addProperty("type", "ping");
      marker.addProperty("id", END_OF_INPUT);
      client.send(marker);
      if (!answered.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return;
      }
      while (System.nanoTime() - lastFrame < QUIET.toNanos() && System.nanoTime() < end && !stopped()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }

    /** Whether the client will not connect again: refused for good, or never reachable. */
    private boolean stopped() {
      return stoppedByServer.get() || unreachable != null;
    }

    private void closeAndWait() {
      client.close();
      try {
        client.terminated().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        err.println("* the connection did not close in time");
      }
    }

    private void print(String text) {
      lastFrame = System.nanoTime();
      if (isEndMarker(text)) {
        answered.countDown();
        return;
      }
      out.println(raw ? FrameFormat.raw(text) : FrameFormat.line(text));
    }

    private void changed(StateChange change) {
      String code = change.closeCode().isPresent() ? change.closeCode().getAsInt() + (change.reason().isEmpty() ? "" : " ") : "";
      String why = code + change.reason();
      switch (change.current()) {
        case CONNECTING -> {
          if (change.previous() == State.CONNECTING && !everConnected.get()) {
            // Never connected: a wrong URL or a server that is not running, not an outage to ride out.
            if (unreachable == null) {
              unreachable = why.isEmpty() ? "the attempt failed" : why;
              lines.add(Optional.empty());
            }
          } else if (change.previous() != State.DISCONNECTED) {
            err.println("* " + (change.previous() == State.CONNECTED ? "disconnected" : "could not connect")
                + (why.isEmpty() ? "" : " (" + FrameFormat.escape(why) + ")")
                + change.retryIn().map(delay -> "; retrying in " + seconds(delay)).orElse(""));
          }
        }
        case CONNECTED -> {
          everConnected.set(true);
          toldQueued.set(false);
          err.println("* connected to " + FrameFormat.escape(client.url().toString()));
        }
        case DISCONNECTED -> {
          err.println("* disconnected" + (why.isEmpty() ? "" : " (" + FrameFormat.escape(why) + ")") + "; not reconnecting");
          if (hintTokens && change.closeCode().orElse(0) == CloseCodes.UNAUTHORIZED) {
            err.println("* the server wants a token: try --token-url http://HOST:PORT/token?username=NAME");
          }
          stoppedByServer.set(true);
          lines.add(Optional.empty());
        }
        case CLOSED -> {
          if (everConnected.get()) {
            err.println("* closed");
          }
        }
      }
    }

    private static boolean isEndMarker(String text) {
      if (!text.contains(END_OF_INPUT)) {
        return false;
      }
      try {
        JsonObject frame = Json.parseObject(text);
        return frame.get("type") instanceof JsonPrimitive type && type.getAsString().equals("pong")
            && frame.get("id") instanceof JsonPrimitive id && id.isString() && id.getAsString().equals(END_OF_INPUT);
      } catch (ProtocolException notJson) {
        return false;
      }
    }

    /** A JSON object line as it is; anything else as a chat message. */
    static String frameFor(String line) {
      try {
        JsonElement parsed = Json.parse(line);
        if (parsed.isJsonObject()) {
          return line;
        }
      } catch (ProtocolException notJson) {
        // a chat message
      }
      JsonObject message = new JsonObject();
      message.addProperty("type", "message");
      message.addProperty("content", line);
      return Json.encode(message);
    }

    private static String seconds(Duration delay) {
      return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }
  }
}
