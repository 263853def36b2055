package dev.realtime.examples.chat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's join and leave notices, coalesced per room: at most one notice frame of each run of
 * joins or leaves per room per interval.
 *
 * <p>A notice in a room that had none for an interval goes out at once, exactly as a single
 * notice always did. Notices that follow within the interval wait for its end and go out as one
 * frame naming every user ("ann, bob and 48 others joined R", all of them in {@code users}). So a
 * room that a thousand people join in a second costs each member a few frames, not a thousand
 * (each notice goes to every member: without this, filling a room of n costs n²/2 frames). Order
 * is kept: a leave after joins ends their run and follows them, and a message to the room first
 * sends the notices waiting there ({@link #flush}), so nobody's first message comes before the
 * notice of their arrival.
 */
final class RoomNotices {
  /** Users named in a coalesced notice's text; the rest are counted ("and 7 others"). */
  static final int NAMED_IN_CONTENT = 3;

  private static final Logger log = LoggerFactory.getLogger(RoomNotices.class);

  private final Hub hub;
  private final ChatMessages messages;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final ConcurrentHashMap<String, Window> rooms = new ConcurrentHashMap<>();

  RoomNotices(Hub hub, ChatMessages messages, ScheduledExecutorService scheduler, Duration interval) {
    this.hub = hub;
    this.messages = messages;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /** Announces that {@code user} joined {@code room}: now, or with the others at the interval's end. */
  void joined(String room, String user) {
    add(room, true, user);
  }

  /** Announces that {@code user} left {@code room}. */
  void left(String room, String user) {
    add(room, false, user);
  }

  /** Sends the notices waiting in {@code room} now, before a message to it. */
  void flush(String room) {
    Window window = rooms.get(room);
    if (window != null) {
      synchronized (window) {
        window.send();
      }
    }
  }

  private void add(String room, boolean join, String user) {
    while (true) {
      Window window = rooms.computeIfAbsent(room, Window::new);
      synchronized (window) {
        if (window.closed) {
          continue; // its interval ended quietly just now; the next notice opens a new one
        }
        window.append(join, user);
        if (!window.open) {
          window.open = true;
          window.send();
          schedule(window);
        }
        return;
      }
    }
  }

  private void schedule(Window window) {
    try {
      scheduler.schedule(() -> intervalEnded(window), interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("shutting down; the notices waiting in {} are not sent", window.room);
      window.closed = true;
      rooms.remove(window.room, window);
    }
  }

  private void intervalEnded(Window window) {
    synchronized (window) {
      if (window.runs.isEmpty()) {
        window.closed = true;
        rooms.remove(window.room, window);
        return;
      }
      window.send();
      schedule(window);
    }
  }

  /** One room's interval: the runs of notices waiting for its end. Guarded by itself. */
  private final class Window {
    final String room;
    final List<Run> runs = new ArrayList<>();
    boolean open;
    boolean closed;

    Window(String room) {
      this.room = room;
    }

    void append(boolean join, String user) {
      Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last == null || last.join != join) {
        last = new Run(join);
        runs.add(last);
      }
      last.users.add(user);
    }

    /** Broadcasts each waiting run as one frame, in order. */
    void send() {
      for (Run run : runs) {
        JsonObject notice = messages.notice(run.join, List.copyOf(run.users), room);
        hub.room(room).broadcast(notice).whenComplete((position, failure) -> {
          if (failure != null) {
            log.debug("a {} notice in {} was not delivered: {}", run.join ? "join" : "leave", room, failure.toString());
          }
        });
      }
      runs.clear();
    }
  }

  /** Consecutive joins, or consecutive leaves, of distinct users in arrival order. */
  private static final class Run {
    final boolean join;
    final Set<String> users = new LinkedHashSet<>();

    Run(boolean join) {
      this.join = join;
    }
  }
}
