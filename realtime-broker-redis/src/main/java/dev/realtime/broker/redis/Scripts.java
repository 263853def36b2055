package dev.realtime.broker.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs the broker's Lua scripts by SHA ({@code EVALSHA}), falling back to {@code EVAL} when the
 * server answers {@code NOSCRIPT} (its script cache is empty after a restart or a failover, and in
 * a cluster each node has its own); {@code EVAL} also caches the script for the next call.
 */
final class Scripts {

  /** The scripts, each read once from this package's resources. */
  enum Script {
    PUBLISH("publish.lua"),
    HISTORY("history.lua"),
    PRESENCE_ADD("presence_add.lua"),
    PRESENCE_REMOVE("presence_remove.lua"),
    PRESENCE_LIST("presence_list.lua");

    private final String source;
    private final String sha;

    Script(String resource) {
      this.source = read(resource);
      this.sha = sha1(source);
    }

    String sha() {
      return sha;
    }
  }

  private final RedisScriptingAsyncCommands<String, byte[]> commands;

  Scripts(RedisScriptingAsyncCommands<String, byte[]> commands) {
    this.commands = commands;
  }

  /** Runs a script; the future completes on a Lettuce I/O thread. */
  <T> CompletableFuture<T> run(
      Script script, ScriptOutputType type, String[] keys, byte[]... arguments) {
    CompletableFuture<T> bySha =
        commands.<T>evalsha(script.sha, type, keys, arguments).toCompletableFuture();
    return bySha.exceptionallyCompose(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof RedisNoScriptException) {
            return commands.<T>eval(script.source, type, keys, arguments).toCompletableFuture();
          }
          return CompletableFuture.failedFuture(cause);
        });
  }

  /**
   * Loads every script into the server's cache (every master's, in a cluster), so the first
   * publishes after a (re)connect do not all answer NOSCRIPT; a fallback {@code EVAL} sent after
   * its NOSCRIPT reply could otherwise overtake a later publish of the same sender.
   */
  CompletableFuture<Void> loadAll() {
    CompletableFuture<?>[] loads = new CompletableFuture<?>[Script.values().length];
    for (Script script : Script.values()) {
      loads[script.ordinal()] =
          commands.scriptLoad(script.source.getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
    }
    return CompletableFuture.allOf(loads);
  }

  private static String read(String resource) {
    try (InputStream in = Scripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String source) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }
}
