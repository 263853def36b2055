package dev.realtime.hub;

import com.google.gson.JsonObject;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's presence channel on this node, and the cluster-wide view it keeps of the room.
 *
 * <p>The view starts from the broker's presence list (read once the channel is live) and follows
 * the join and leave deltas every node publishes, in the channel's order. Deltas and lists cross,
 * so each entry remembers the offset of the delta that set it: a list read started at offset
 * {@code P} overrides only what no later delta touched. The list is read again periodically and
 * after a gap, which is also how the entries of a node that died (and so never said "left") go:
 * the broker expires them and the next list leaves them out.
 *
 * <p>The first list is the starting point: {@link #view()} answers it, and waits for it until it
 * is loaded, so whoever reads the view and then hears every change after it is never wrong.
 * Changes after it are coalesced: the first one schedules a flush one presence interval later,
 * which hands the handlers the difference between the view then and at the last flush (a client
 * that came and went in between is no change).
 */
final class PresenceChannel extends Subscription {
  private static final Logger log = LoggerFactory.getLogger(PresenceChannel.class);

  private record Member(PresenceInfo info, long offset) {}

  final String room;
  private final PresenceTracker tracker;
  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<String, Member> members = new HashMap<>();
  private final Map<String, Long> departed = new HashMap<>();
  private final Map<String, PresenceInfo> before = new HashMap<>();
  private final List<CompletableFuture<RoomPresence>> waiters = new ArrayList<>();
  private String epoch = "";
  private long delivered;
  private long life;
  private boolean loaded;
  private boolean listing;
  private boolean listAgain;
  private boolean flushScheduled;

  PresenceChannel(String room, String channel, FanOut owner, PresenceTracker tracker) {
    super(channel, owner);
    this.room = room;
    this.tracker = tracker;
  }

  /** The delta a node publishes when one of its clients appears in a room. */
  static byte[] joinDelta(PresenceInfo info) {
    JsonObject delta = new JsonObject();
    delta.addProperty("op", "join");
    delta.addProperty("client", info.clientId());
    delta.addProperty("user", info.user());
    delta.addProperty("node", info.nodeId());
    delta.addProperty("data", info.data());
    return Json.encode(delta).getBytes(StandardCharsets.UTF_8);
  }

  /** The delta a node publishes when one of its clients leaves a room. */
  static byte[] leaveDelta(String clientId) {
    JsonObject delta = new JsonObject();
    delta.addProperty("op", "leave");
    delta.addProperty("client", clientId);
    return Json.encode(delta).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  void onLive(StreamPosition baseline, boolean afterFailure) {
    synchronized (lock) {
      follow(baseline);
    }
    resync();
  }

  @Override
  void onIdle() {
    List<CompletableFuture<RoomPresence>> waiting;
    synchronized (lock) {
      life++;
      members.clear();
      departed.clear();
      before.clear();
      loaded = false;
      flushScheduled = false;
      waiting = takeWaiters();
    }
    waiting.forEach(waiter -> tracker.answerFromBroker(room, waiter));
  }

  @Override
  void onFailed() {
    List<CompletableFuture<RoomPresence>> waiting;
    synchronized (lock) {
      waiting = takeWaiters();
    }
    waiting.forEach(waiter -> tracker.answerFromBroker(room, waiter));
  }

  @Override
  public void onPublication(Publication publication) {
    JsonObject delta;
    try {
      delta = Json.parseObject(publication.payloadText());
    } catch (RuntimeException e) {
      log.warn("ignored a malformed presence delta on {}", channel);
      return;
    }
    synchronized (lock) {
      follow(publication.position());
      long offset = publication.position().offset();
      String client = delta.get("client").getAsString();
      if ("join".equals(delta.get("op").getAsString())) {
        PresenceInfo info = tracker.shared(new PresenceInfo(
            client, delta.get("user").getAsString(), delta.get("node").getAsString(), delta.get("data").getAsString()));
        Member previous = members.put(client, new Member(info, offset));
        departed.remove(client);
        changed(client, previous);
      } else {
        Member previous = members.remove(client);
        departed.put(client, offset);
        if (previous != null) {
          changed(client, previous);
        }
      }
    }
  }

  @Override
  public void onUnrecoverableGap(StreamGap gap) {
    synchronized (lock) {
      follow(gap.resumedAfter());
    }
    resync();
  }

  /** The view: now if loaded, else once the first list is in (or from the broker if the subscription fails). */
  CompletableFuture<RoomPresence> view() {
    synchronized (lock) {
      if (loaded) {
        return CompletableFuture.completedFuture(snapshot());
      }
      if (phase() != Phase.FAILED) {
        CompletableFuture<RoomPresence> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        return waiter;
      }
    }
    CompletableFuture<RoomPresence> fallback = new CompletableFuture<>();
    tracker.answerFromBroker(room, fallback);
    return fallback;
  }

  private List<CompletableFuture<RoomPresence>> takeWaiters() {
    List<CompletableFuture<RoomPresence>> taken = new ArrayList<>(waiters);
    waiters.clear();
    return taken;
  }

  /** Reads the broker's list and reconciles the view with it. */
  void resync() {
    StreamPosition since;
    long current;
    synchronized (lock) {
      if (listing) {
        listAgain = true;
        return;
      }
      listing = true;
      since = new StreamPosition(delivered, epoch.isEmpty() ? "-" : epoch);
      current = life;
    }
    tracker.list(room).whenComplete((list, failure) -> listed(current, since, list, failure));
  }

  private void listed(long listedLife, StreamPosition since, List<PresenceInfo> list, Throwable failure) {
    boolean again;
    synchronized (lock) {
      listing = false;
      boolean sameEpoch = since.epoch().equals(epoch.isEmpty() ? "-" : epoch);
      again = (listAgain || !sameEpoch) && listedLife == life;
      listAgain = false;
      if (listedLife == life && failure == null && sameEpoch) {
        reconcile(since.offset(), list);
      }
    }
    if (failure != null) {
      log.debug("presence list of {} failed; the next resync tries again: {}", room, failure.toString());
      List<CompletableFuture<RoomPresence>> waiting;
      synchronized (lock) {
        waiting = takeWaiters();
      }
      waiting.forEach(waiter -> waiter.completeExceptionally(failure));
    }
    if (again) {
      resync();
    }
  }

  /** Takes the list's word for every client no delta after {@code since} touched. */
  private void reconcile(long since, List<PresenceInfo> list) {
    Set<String> listed = new HashSet<>();
    for (PresenceInfo info : list) {
      listed.add(info.clientId());
      Long gone = departed.get(info.clientId());
      Member member = members.get(info.clientId());
      if ((gone != null && gone > since) || (member != null && member.offset() > since)) {
        continue; // a later delta knows better
      }
      if (member == null || !member.info().equals(info)) {
        members.put(info.clientId(), new Member(tracker.shared(info), 0));
        changed(info.clientId(), member);
      }
    }
    for (Iterator<Map.Entry<String, Member>> it = members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Member> entry = it.next();
      if (!listed.contains(entry.getKey()) && entry.getValue().offset() <= since) {
        it.remove();
        changed(entry.getKey(), entry.getValue());
      }
    }
    departed.values().removeIf(offset -> offset <= since);
    if (!loaded) {
      loaded = true;
      RoomPresence start = snapshot();
      waiters.forEach(waiter -> waiter.complete(start));
      waiters.clear();
    }
  }

  /** Notes where the channel stands; a new epoch restarts offsets, so the old ones mean nothing. */
  private void follow(StreamPosition position) {
    if (!position.epoch().equals(epoch)) {
      epoch = position.epoch();
      members.replaceAll((id, member) -> new Member(member.info(), 0));
      departed.clear();
    }
    delivered = position.offset();
  }

  /** Records the state before the first change since the last flush, and schedules a flush. */
  private void changed(String client, Member previous) {
    if (!loaded) {
      return; // the first list is the starting point, not a change
    }
    if (!before.containsKey(client)) {
      before.put(client, previous == null ? null : previous.info());
    }
    if (!flushScheduled) {
      flushScheduled = true;
      long current = life;
      tracker.schedule(() -> flush(current));
    }
  }

  private void flush(long flushLife) {
    List<PresenceInfo> joined = new ArrayList<>();
    List<PresenceInfo> left = new ArrayList<>();
    RoomPresence presence;
    synchronized (lock) {
      if (flushLife != life) {
        return;
      }
      flushScheduled = false;
      for (Map.Entry<String, PresenceInfo> change : before.entrySet()) {
        Member now = members.get(change.getKey());
        PresenceInfo after = now == null ? null : now.info();
        if (Objects.equals(change.getValue(), after)) {
          continue;
        }
        if (change.getValue() != null) {
          left.add(change.getValue());
        }
        if (after != null) {
          joined.add(after);
        }
      }
      before.clear();
      presence = snapshot();
    }
    if (!joined.isEmpty() || !left.isEmpty()) {
      joined.sort(Comparator.comparing(PresenceInfo::clientId));
      left.sort(Comparator.comparing(PresenceInfo::clientId));
      tracker.fire(room, joined, left, presence);
    }
  }

  private RoomPresence snapshot() {
    List<PresenceInfo> clients = new ArrayList<>(members.size());
    members.values().forEach(member -> clients.add(member.info()));
    clients.sort(Comparator.comparing(PresenceInfo::clientId));
    return new RoomPresence(room, clients);
  }
}
