package dev.realtime.client;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's callbacks, fixed when the client is built, so dispatch reads immutable lists.
 * A callback that throws is logged and the others still run: one bad handler never stops the
 * client. All run on the client's event thread.
 */
final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(RealtimeClient.class);

  private final Map<String, List<Consumer<JsonObject>>> byType;
  private final List<Consumer<JsonObject>> messages;
  private final List<Consumer<String>> texts;
  private final List<Consumer<StateChange>> states;
  private final List<Consumer<Recovery>> recoveries;

  /** What a builder collects; copied into the immutable {@link Listeners}. */
  static final class Collector {
    final Map<String, List<Consumer<JsonObject>>> byType = new LinkedHashMap<>();
    final List<Consumer<JsonObject>> messages = new ArrayList<>();
    final List<Consumer<String>> texts = new ArrayList<>();
    final List<Consumer<StateChange>> states = new ArrayList<>();
    final List<Consumer<Recovery>> recoveries = new ArrayList<>();
  }

  Listeners(Collector collector) {
    Map<String, List<Consumer<JsonObject>>> types = new LinkedHashMap<>();
    collector.byType.forEach((type, handlers) -> types.put(type, List.copyOf(handlers)));
    this.byType = Map.copyOf(types);
    this.messages = List.copyOf(collector.messages);
    this.texts = List.copyOf(collector.texts);
    this.states = List.copyOf(collector.states);
    this.recoveries = List.copyOf(collector.recoveries);
  }

  void text(String text) {
    run(texts, text, "text");
  }

  void message(String type, JsonObject message) {
    run(byType.getOrDefault(type, List.of()), message, type);
    run(messages, message, type);
  }

  void state(StateChange change) {
    run(states, change, "state");
  }

  void recovery(Recovery recovery) {
    run(recoveries, recovery, "recovery");
  }

  private static <T> void run(List<Consumer<T>> listeners, T value, String what) {
    for (Consumer<T> listener : listeners) {
      try {
        listener.accept(value);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        log.warn("a {} listener failed", what, e);
      }
    }
  }
}
