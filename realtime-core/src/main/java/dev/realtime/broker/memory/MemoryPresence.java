package dev.realtime.broker.memory;

import dev.realtime.broker.PresenceInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presence of an in-memory cluster's clients; nothing expires, because nothing outlives the
 * JVM: a node that closes removes its entries.
 */
final class MemoryPresence {

  private final Map<String, Map<String, PresenceInfo>> channels = new ConcurrentHashMap<>();

  void add(String channel, PresenceInfo info) {
    channels.computeIfAbsent(channel, name -> new ConcurrentHashMap<>()).put(info.clientId(), info);
  }

  void remove(String channel, String clientId) {
    // computeIfPresent removes the channel's map atomically with its last entry.
    channels.computeIfPresent(
        channel,
        (name, clients) -> {
          clients.remove(clientId);
          return clients.isEmpty() ? null : clients;
        });
  }

  List<PresenceInfo> list(String channel) {
    Map<String, PresenceInfo> clients = channels.getOrDefault(channel, Map.of());
    return clients.values().stream().sorted(Comparator.comparing(PresenceInfo::clientId)).toList();
  }

  long count(String channel) {
    return channels.getOrDefault(channel, Map.of()).size();
  }

  /** Removes every entry a node added, as its graceful close does. */
  void removeNode(String nodeId) {
    for (String channel : channels.keySet()) {
      channels.computeIfPresent(
          channel,
          (name, clients) -> {
            clients.values().removeIf(info -> info.nodeId().equals(nodeId));
            return clients.isEmpty() ? null : clients;
          });
    }
  }
}
