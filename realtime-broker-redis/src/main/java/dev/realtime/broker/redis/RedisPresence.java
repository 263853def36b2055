package dev.realtime.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.realtime.broker.Presence;
import dev.realtime.broker.PresenceInfo;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide presence in Redis: per channel a HASH (client id → JSON info) and a ZSET (client id
 * → expiry on the server's clock). Each node refreshes the entries it added; readers prune expired
 * ones inside the read script, so a node killed without closing disappears within the TTL; a node
 * that closes removes its entries at once.
 */
final class RedisPresence implements Presence {

  private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
  private static final int BATCH = 256;

  /** This node's entries by channel; the source of every refresh. */
  private final Map<String, Map<String, PresenceInfo>> local = new ConcurrentHashMap<>();
  private final Scripts scripts;
  private final Keys keys;
  private final Settings settings;

  RedisPresence(Scripts scripts, Keys keys, Settings settings) {
    this.scripts = scripts;
    this.keys = keys;
    this.settings = settings;
  }

  @Override
  public CompletableFuture<Void> add(String channel, PresenceInfo info) {
    RedisBroker.requireChannel(channel);
    Objects.requireNonNull(info, "info");
    while (true) {
      Map<String, PresenceInfo> entries =
          local.computeIfAbsent(channel, name -> new ConcurrentHashMap<>());
      // The channel's monitor orders this write against a concurrent refresh or removal.
      synchronized (entries) {
        if (local.get(channel) == entries) { // not emptied and dropped by a removal meanwhile
          entries.put(info.clientId(), info);
          return write(channel, List.of(info));
        }
      }
    }
  }

  @Override
  public CompletableFuture<Void> remove(String channel, String clientId) {
    RedisBroker.requireChannel(channel);
    Objects.requireNonNull(clientId, "clientId");
    Map<String, PresenceInfo> entries = local.get(channel);
    if (entries == null) {
      return delete(channel, List.of(clientId));
    }
    synchronized (entries) {
      entries.remove(clientId);
      local.computeIfPresent(channel, (name, map) -> map.isEmpty() ? null : map);
      return delete(channel, List.of(clientId));
    }
  }

  @Override
  public CompletableFuture<List<PresenceInfo>> list(String channel) {
    RedisBroker.requireChannel(channel);
    return scripts
        .<List<Object>>run(Scripts.Script.PRESENCE_LIST, ScriptOutputType.MULTI, presenceKeys(channel), bytes("0"))
        .handle(
            (flat, failure) -> {
              if (failure != null) {
                throw Failures.translate("list presence of " + channel, failure);
              }
              List<PresenceInfo> entries = new ArrayList<>(flat.size() / 2);
              for (int i = 0; i + 1 < flat.size(); i += 2) {
                entries.add(decode(StreamReader.text(flat.get(i)), StreamReader.text(flat.get(i + 1))));
              }
              entries.sort(Comparator.comparing(PresenceInfo::clientId));
              return entries;
            });
  }

  @Override
  public CompletableFuture<Long> count(String channel) {
    RedisBroker.requireChannel(channel);
    return scripts
        .<Long>run(Scripts.Script.PRESENCE_LIST, ScriptOutputType.INTEGER, presenceKeys(channel), bytes("1"))
        .handle(
            (count, failure) -> {
              if (failure != null) {
                throw Failures.translate("count presence of " + channel, failure);
              }
              return count;
            });
  }

  /** Rewrites every local entry with a fresh expiry; failures wait for the next period. */
  void refresh() {
    for (Map.Entry<String, Map<String, PresenceInfo>> channel : local.entrySet()) {
      Map<String, PresenceInfo> entries = channel.getValue();
      synchronized (entries) {
        List<PresenceInfo> all = List.copyOf(entries.values());
        for (int from = 0; from < all.size(); from += BATCH) {
          write(channel.getKey(), all.subList(from, Math.min(all.size(), from + BATCH)))
              .exceptionally(
                  failure -> {
                    log.debug("presence refresh of {} failed: {}", channel.getKey(), failure.toString());
                    return null;
                  });
        }
      }
    }
  }

  /** Removes every local entry from Redis, for a graceful close; returns when all answered. */
  CompletableFuture<Void> removeAll() {
    List<CompletableFuture<Void>> removals = new ArrayList<>();
    for (Map.Entry<String, Map<String, PresenceInfo>> channel : local.entrySet()) {
      Map<String, PresenceInfo> entries = channel.getValue();
      synchronized (entries) {
        List<String> ids = List.copyOf(entries.keySet());
        entries.clear();
        for (int from = 0; from < ids.size(); from += BATCH) {
          removals.add(delete(channel.getKey(), ids.subList(from, Math.min(ids.size(), from + BATCH))));
        }
      }
    }
    local.clear();
    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> write(String channel, List<PresenceInfo> entries) {
    byte[][] arguments = new byte[1 + 2 * entries.size()][];
    arguments[0] = bytes(Long.toString(settings.presenceTtl().toMillis()));
    int i = 1;
    for (PresenceInfo info : entries) {
      arguments[i++] = bytes(info.clientId());
      arguments[i++] = bytes(encode(info));
    }
    return scripts
        .<Long>run(Scripts.Script.PRESENCE_ADD, ScriptOutputType.INTEGER, presenceKeys(channel), arguments)
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                throw Failures.translate("add presence to " + channel, failure);
              }
              return null;
            });
  }

  private CompletableFuture<Void> delete(String channel, List<String> clientIds) {
    byte[][] arguments = clientIds.stream().map(RedisPresence::bytes).toArray(byte[][]::new);
    return scripts
        .<Long>run(Scripts.Script.PRESENCE_REMOVE, ScriptOutputType.INTEGER, presenceKeys(channel), arguments)
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                throw Failures.translate("remove presence from " + channel, failure);
              }
              return null;
            });
  }

  private String[] presenceKeys(String channel) {
    return new String[] {keys.presence(channel), keys.presenceExpiry(channel)};
  }

  private static String encode(PresenceInfo info) {
    JsonObject json = new JsonObject();
    json.addProperty("user", info.user());
    json.addProperty("node", info.nodeId());
    json.addProperty("data", info.data());
    return json.toString();
  }

  private static PresenceInfo decode(String clientId, String text) {
    JsonObject json = JsonParser.parseString(text).getAsJsonObject();
    return new PresenceInfo(
        clientId,
        json.get("user").getAsString(),
        json.get("node").getAsString(),
        json.get("data").getAsString());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
