package dev.realtime.testing.ot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a convergence simulation exercised: how many runs, and how often each recovery path was
 * taken, so a test can check that its seeds reach every path.
 *
 * @param runs the number of seeded runs
 * @param events how often each event happened over all runs
 */
public record SimulationReport(int runs, Map<Event, Integer> events) {

  /** Something the server or a client did during a simulation. */
  public enum Event {
    /** The server applied a submitted operation. */
    APPLIED,
    /** The server acknowledged a resubmission again without applying it. */
    DUPLICATE,
    /** A reconnecting client's own operation came back in its catch-up, as an acknowledgement. */
    CATCH_UP_ACK,
    /** A reconnecting client was too far behind the kept history and started over from a snapshot. */
    HANDSHAKE_RESYNC,
    /** A submission was too far behind the kept history and was answered with a snapshot. */
    SUBMISSION_RESYNC,
    /** A resync answer arrived for a submission the client had already given up on; it was ignored. */
    STALE_RESYNC_IGNORED
  }

  /** Creates the report with an immutable copy of the counts. */
  public SimulationReport {
    EnumMap<Event, Integer> copy = new EnumMap<>(Event.class);
    copy.putAll(Objects.requireNonNull(events, "events"));
    events = Collections.unmodifiableMap(copy);
  }

  /** Returns how often {@code event} happened. */
  public int count(Event event) {
    return events.getOrDefault(Objects.requireNonNull(event, "event"), 0);
  }

  /** Counts events as a simulation runs; one per call of the simulation, used from one thread. */
  static final class Counter {
    private final EnumMap<Event, Integer> counts = new EnumMap<>(Event.class);

    void add(Event event) {
      counts.merge(event, 1, Integer::sum);
    }

    SimulationReport report(int runs) {
      return new SimulationReport(runs, counts);
    }
  }
}
