package dev.realtime.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on 127.0.0.1 and a free port, in its own temporary
 * directory, that a test can stop, restart on the same port, pause and kill with SIGKILL.
 *
 * <p>Without persistence ({@code --save "" --appendonly no}) a restart comes back empty, as a
 * Redis that lost its data; with persistence (append-only file, fsync on every write) it comes
 * back with every acknowledged write. Not thread-safe: one test steers it.
 */
public final class RedisServer implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP = Duration.ofSeconds(15);
  private static final int PORT_ATTEMPTS = 8;

  private final boolean persistent;
  private final List<String> extraArguments;
  private final Path directory;
  private int port;
  private Process process;

  private RedisServer(boolean persistent, List<String> extraArguments) {
    this.persistent = persistent;
    this.extraArguments = List.copyOf(extraArguments);
    try {
      this.directory = Files.createTempDirectory("realtime-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a server without persistence: a restart or a kill loses every key. */
  public static RedisServer start() {
    return start(false);
  }

  /** Starts a server, with an fsynced append-only file when {@code persistent}. */
  public static RedisServer start(boolean persistent) {
    return start(persistent, List.of());
  }

  /** Starts a server with extra {@code redis-server} arguments, such as {@code --cluster-enabled yes}. */
  public static RedisServer start(boolean persistent, List<String> extraArguments) {
    RedisServer server = new RedisServer(persistent, extraArguments);
    try {
      server.startOnFreePort(extraArguments.contains("--cluster-enabled"));
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Returns {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** Returns the port, the same across restarts. */
  public int port() {
    return port;
  }

  /** Returns {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** Returns whether the data survives a restart. */
  public boolean persistent() {
    return persistent;
  }

  /** Returns whether the process is running. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server gracefully (SIGTERM, as {@code SHUTDOWN}) and waits until it has exited. */
  public void stop() {
    if (process == null) {
      return;
    }
    resume();
    process.destroy();
    awaitExit();
  }

  /** Kills the server with SIGKILL, as a crash: nothing is flushed beyond what is already fsynced. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit();
  }

  /** Starts a stopped or killed server again on the same port, and waits until it answers. */
  public void restart() {
    if (isRunning()) {
      stop();
    }
    launch();
    String failure = awaitReady();
    if (failure != null) {
      throw new IllegalStateException("redis-server did not restart on port " + port + ": " + failure);
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers, as a hung server. */
  public void pause() {
    signal("STOP");
  }

  /** Lets a paused server go on (SIGCONT). */
  public void resume() {
    if (isRunning()) {
      signal("CONT");
    }
  }

  /** Deletes every key. */
  public void flushAll() {
    command("FLUSHALL");
  }

  /**
   * Runs one command on a fresh connection and returns the reply: a String (simple or bulk), a
   * Long, a List, or null.
   *
   * @throws IllegalStateException if the server answers an error or cannot be reached
   */
  public Object command(String... args) {
    return command(5_000, args);
  }

  Object command(int timeoutMillis, String... args) {
    Objects.requireNonNull(args, "args");
    try {
      return Resp.command(HOST, port, timeoutMillis, args);
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", args) + " failed on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Returns the server's log so far, for failure messages. */
  public String log() {
    try {
      Path log = directory.resolve("redis.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Kills the server and deletes its directory. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  @Override
  public String toString() {
    return "redis-server " + uri() + (persistent ? " (persistent)" : "");
  }

  private void startOnFreePort(boolean clusterBus) {
    String failure = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      port = freePort(clusterBus);
      launch();
      failure = awaitReady();
      if (failure == null) {
        return;
      }
      kill();
      // Another process may have taken the port between probing and binding: try another one.
    }
    throw new IllegalStateException("redis-server did not start: " + failure);
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(RedisBinaries.server().toString());
    command.addAll(List.of("--port", Integer.toString(port), "--bind", HOST));
    command.addAll(List.of("--dir", directory.toString(), "--logfile", "redis.log"));
    command.addAll(List.of("--daemonize", "no", "--save", ""));
    if (persistent) {
      command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      command.addAll(List.of("--appendonly", "no"));
    }
    command.addAll(extraArguments);
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("redis.out").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    }
  }

  /** Waits until PING answers PONG; returns why not, or null when ready. */
  private String awaitReady() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "exited with " + process.exitValue() + "; log:\n" + log() + output();
      }
      try {
        if ("PONG".equals(Resp.command(HOST, port, 1_000, "PING"))) {
          return null;
        }
      } catch (IOException e) {
        last = e.getMessage(); // not listening yet, or LOADING its data
      }
      pauseBriefly();
    }
    return "no PONG within " + STARTUP.toSeconds() + " s (" + last + "); log:\n" + log();
  }

  private String output() {
    try {
      Path out = directory.resolve("redis.out");
      return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while redis-server exits", e);
    }
  }

  private void signal(String name) {
    if (!isRunning()) {
      throw new IllegalStateException("redis-server is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed for redis-server " + process.pid());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A free port; for a cluster node also its bus port (port + 10000). */
  private static int freePort(boolean clusterBus) {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int candidate = socket.getLocalPort();
        if (!clusterBus) {
          return candidate;
        }
        if (candidate + 10_000 <= 65_535 && bindable(candidate + 10_000)) {
          return candidate;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean bindable(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return probe.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  /** Polling interval while a process starts: the only wait here, bounded by a deadline. */
  private static void pauseBriefly() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server", e);
    }
  }
}
