package dev.realtime.bench.notify;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filter evaluations per second: every filter of {@link Workload#filters()} against every
 * notification of {@link Workload#notifications(int)}, one op per {@code matches} call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FilterBenchmark {
  private static final int NOTIFICATIONS = 1_024;
  private static final int EVALUATIONS = NOTIFICATIONS * Workload.FILTER_KINDS;

  private Notification[] notifications;
  private NotificationFilter[] filters;
  private boolean[] read;

  @Setup
  public void setUp() {
    notifications = Workload.notifications(NOTIFICATIONS).toArray(Notification[]::new);
    filters = Workload.filters().toArray(NotificationFilter[]::new);
    read = new boolean[NOTIFICATIONS];
    for (int i = 0; i < NOTIFICATIONS; i++) {
      read[i] = i % 3 == 0;
    }
  }

  /** Evaluates every filter against every notification; returns the matches so none is elided. */
  @Benchmark
  @OperationsPerInvocation(EVALUATIONS)
  public int matches() {
    int matched = 0;
    for (NotificationFilter filter : filters) {
      for (int i = 0; i < notifications.length; i++) {
        if (filter.matches(notifications[i], read[i])) {
          matched++;
        }
      }
    }
    return matched;
  }
}
