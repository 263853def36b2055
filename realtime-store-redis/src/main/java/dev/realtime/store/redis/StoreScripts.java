package dev.realtime.store.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Runs a store's Lua scripts by SHA ({@code EVALSHA}), falling back to {@code EVAL} when Redis
 * answers {@code NOSCRIPT} (its cache is empty after a restart or a failover, and each cluster
 * node has its own); every failure becomes a {@link RedisStoreException}.
 */
final class StoreScripts {

  /** One script, read once from this package's resources. */
  static final class Script {
    private final String name;
    private final String source;
    private final String sha;

    Script(String resource) {
      this.name = resource;
      this.source = read(resource);
      this.sha = sha1(source);
    }
  }

  private final RedisClusterCommands<String, String> commands;

  StoreScripts(RedisClusterCommands<String, String> commands) {
    this.commands = commands;
  }

  /**
   * Loads scripts into the server's cache (every master's, in a cluster, which also opens the
   * connection to each: with commands rejected while disconnected, a node connection made lazily
   * would refuse the first command sent to it).
   */
  void load(Script... all) {
    try {
      for (Script script : all) {
        commands.scriptLoad(script.source);
      }
    } catch (RedisException e) {
      throw new RedisStoreException("cannot load the store's scripts: " + e.getMessage(), e);
    }
  }

  /** Runs {@code script} and returns its reply. */
  <T> T run(Script script, ScriptOutputType type, String[] keys, String... arguments) {
    try {
      try {
        return commands.evalsha(script.sha, type, keys, arguments);
      } catch (RedisNoScriptException e) {
        return commands.eval(script.source, type, keys, arguments);
      }
    } catch (RedisException e) {
      throw new RedisStoreException(script.name + ": " + e.getMessage(), e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = StoreScripts.class.getResourceAsStream(resource)) {
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
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }
}
