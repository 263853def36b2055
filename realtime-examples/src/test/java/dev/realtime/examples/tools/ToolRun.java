package dev.realtime.examples.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A tool running in this JVM on a thread of its own, as a terminal drives it: lines typed into its
 * stdin, its stdout and stderr captured, and waits on what they show with a deadline (never a sleep).
 */
final class ToolRun implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private final PipedOutputStream typed = new PipedOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();

  private ToolRun(Tool tool, List<String> args) throws IOException {
    PipedInputStream stdin = new PipedInputStream(typed, 1 << 16);
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    Thread thread = new Thread(() -> {
      try {
        status.complete(tool.run(args, stdin, stdout, stderr));
      } catch (Throwable e) {
        status.completeExceptionally(e);
      }
    }, "tool-" + tool.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts {@code tool} with {@code args}. */
  static ToolRun start(Tool tool, String... args) throws IOException {
    return new ToolRun(tool, Arrays.asList(args));
  }

  /** Runs {@code tool} with nothing on stdin (closed at once) and waits for its status. */
  static ToolRun finished(Tool tool, String... args) throws Exception {
    ToolRun run = start(tool, args);
    run.endInput();
    run.status();
    return run;
  }

  /** Types {@code line} and Enter. */
  void type(String line) throws IOException {
    typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    typed.flush();
  }

  /** Ends the input, as Ctrl-D or the end of a pipe does. */
  void endInput() throws IOException {
    typed.close();
  }

  /** The exit status, once the tool has returned. */
  int status() throws Exception {
    return status.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  List<String> outLines() {
    return out().lines().toList();
  }

  List<String> errLines() {
    return err().lines().toList();
  }

  /** Waits until a line of stdout matches; returns it. */
  String awaitOut(String what, Predicate<String> line) {
    return await(what, () -> outLines(), line);
  }

  /** Waits until a line of stderr matches; returns it. */
  String awaitErr(String what, Predicate<String> line) {
    return await(what, () -> errLines(), line);
  }

  /** Waits until {@code count} lines of stderr match. */
  void awaitErrCount(String what, Predicate<String> line, int count) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      boolean ended = status.isDone(); // read first: lines printed before the end are then all there
      if (errLines().stream().filter(line).count() >= count) {
        return;
      }
      failAfter(end, ended, what);
    }
  }

  private String await(String what, Supplier<List<String>> lines, Predicate<String> line) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      boolean ended = status.isDone();
      for (String candidate : lines.get()) {
        if (line.test(candidate)) {
          return candidate;
        }
      }
      failAfter(end, ended, what);
    }
  }

  private void failAfter(long end, boolean ended, String what) {
    if (ended) {
      throw new AssertionError("the tool ended before " + what + "\nstdout:\n" + out() + "\nstderr:\n" + err());
    }
    if (System.nanoTime() > end) {
      throw new AssertionError("timed out waiting for " + what + "\nstdout:\n" + out() + "\nstderr:\n" + err());
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
  }

  @Override
  public void close() throws IOException {
    typed.close();
  }
}
