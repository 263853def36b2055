package dev.realtime.examples.analytics.stats;

import dev.realtime.examples.analytics.model.AnalyticsEvent;
import java.util.concurrent.CompletionStage;

/** Where the analytics counters live. Methods never block. */
public interface StatsStore {

  /** Counts {@code event}: one more event, its visitor among today's, a letter if it is one. */
  CompletionStage<Void> record(AnalyticsEvent event);

  /** The counters now. */
  CompletionStage<Counters> counters();
}
