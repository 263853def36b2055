package dev.realtime.examples.chat;

import dev.realtime.hub.Hub;
import dev.realtime.hub.Room;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a room's user list when its membership changes, at most once per room per interval.
 *
 * <p>When thousands join a room at once, each join only marks the room dirty; one {@code users}
 * frame per interval carries the list, so the traffic stays linear in the room's size instead of
 * quadratic. The first change after a quiet period is sent at once.
 */
final class UserListCoalescer {
  /** Runs a task after a delay. */
  interface Scheduler {
    void schedule(Runnable task, Duration delay);
  }

  private final Hub hub;
  private final Clock clock;
  private final Scheduler scheduler;
  private final long intervalMillis;
  private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

  UserListCoalescer(Hub hub, Clock clock, Scheduler scheduler, Duration interval) {
    this.hub = hub;
    this.clock = clock;
    this.scheduler = scheduler;
    this.intervalMillis = interval.toMillis();
  }

  void changed(String room) {
    if (pending.putIfAbsent(room, Boolean.TRUE) != null) {
      return;
    }
    long now = clock.millis();
    long earliest = lastSent.getOrDefault(room, Long.MIN_VALUE / 2) + intervalMillis;
    scheduler.schedule(() -> send(room), Duration.ofMillis(Math.max(0, earliest - now)));
  }

  private void send(String room) {
    // Clear first: a change while we send schedules the next update instead of being lost.
    pending.remove(room);
    lastSent.put(room, clock.millis());
    Room target = hub.room(room);
    if (target.size() == 0) {
      lastSent.remove(room);
      return;
    }
    target.broadcast(ChatMessages.users(room, target.userNames()));
  }
}
