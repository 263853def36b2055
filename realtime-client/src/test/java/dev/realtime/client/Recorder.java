package dev.realtime.client;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything a client's callbacks heard, in order; safe to read from the test's thread. */
final class Recorder {
  final List<StateChange> changes = new CopyOnWriteArrayList<>();
  final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  final List<String> texts = new CopyOnWriteArrayList<>();
  final List<Recovery> recoveries = new CopyOnWriteArrayList<>();

  /** Registers every kind of callback on {@code builder}. */
  RealtimeClient.Builder on(RealtimeClient.Builder builder) {
    return builder.onStateChange(changes::add).onMessage(frames::add).onText(texts::add).onRecovery(recoveries::add);
  }

  /** The contents of the chat messages received in {@code room}, in order. */
  List<String> contents(String room) {
    return frames.stream()
        .filter(frame -> frame.get("type").getAsString().equals("message") && frame.get("room").getAsString().equals(room))
        .map(frame -> frame.get("content").getAsString())
        .toList();
  }

  /** The last state change heard, if any. */
  Optional<StateChange> last() {
    return changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(changes.size() - 1));
  }

  /** How many times the client reached {@code state}. */
  long reached(State state) {
    return changes.stream().filter(change -> change.current() == state && change.previous() != state).count();
  }

  /** Whether the last change is a scheduled retry. */
  boolean waitingToRetry() {
    return last().map(change -> change.current() == State.CONNECTING && change.willRetry()).orElse(false);
  }
}
