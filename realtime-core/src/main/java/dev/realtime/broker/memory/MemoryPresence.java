package dev.realtime.broker.memory;

import dev.realtime.broker.Presence;
import dev.realtime.broker.PresenceInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Presence of one node's clients; nothing expires because nothing outlives this node. */
final class MemoryPresence implements Presence {

  private final Map<String, Map<String, PresenceInfo>> channels = new ConcurrentHashMap<>();
  private final InMemoryBroker broker;

  MemoryPresence(InMemoryBroker broker) {
    this.broker = broker;
  }

  @Override
  public CompletableFuture<Void> add(String channel, PresenceInfo info) {
    InMemoryBroker.requireChannel(channel);
    Objects.requireNonNull(info, "info");
    if (broker.isClosed()) {
      return InMemoryBroker.closedFuture();
    }
    channels.computeIfAbsent(channel, name -> new ConcurrentHashMap<>()).put(info.clientId(), info);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> remove(String channel, String clientId) {
    InMemoryBroker.requireChannel(channel);
    Objects.requireNonNull(clientId, "clientId");
    // computeIfPresent removes the channel's map atomically with its last entry.
    channels.computeIfPresent(
        channel,
        (name, clients) -> {
          clients.remove(clientId);
          return clients.isEmpty() ? null : clients;
        });
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<List<PresenceInfo>> list(String channel) {
    InMemoryBroker.requireChannel(channel);
    Map<String, PresenceInfo> clients = channels.getOrDefault(channel, Map.of());
    List<PresenceInfo> sorted =
        clients.values().stream().sorted(Comparator.comparing(PresenceInfo::clientId)).toList();
    return CompletableFuture.completedFuture(sorted);
  }

  @Override
  public CompletableFuture<Long> count(String channel) {
    InMemoryBroker.requireChannel(channel);
    return CompletableFuture.completedFuture(
        (long) channels.getOrDefault(channel, Map.of()).size());
  }

  void clear() {
    channels.clear();
  }
}
