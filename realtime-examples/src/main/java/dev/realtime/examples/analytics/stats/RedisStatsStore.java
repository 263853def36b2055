package dev.realtime.examples.analytics.stats;

import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.feed.LuaScript;
import dev.realtime.examples.feed.RedisLink;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The counters of a cluster, in Redis, so they survive any node's restart:
 *
 * <ul>
 *   <li>{@code analytics:total_events}: a counter, no expiry;
 *   <li>{@code analytics:unique:YYYY-MM-DD}: the day's visitors, a HyperLogLog ({@code PFADD});
 *   <li>{@code analytics:letters:YYYY-MM-DD}: the day's letters, a counter.
 * </ul>
 *
 * Days are UTC and their keys expire two days after their last write. Recording is one script
 * (one round trip); so is reading.
 */
public final class RedisStatsStore implements StatsStore {
  /** The all-time event counter. */
  public static final String TOTAL = "analytics:total_events";
  /** How long a day's keys outlive their last write. */
  public static final Duration DAY_KEYS_TTL = Duration.ofDays(2);

  private static final LuaScript RECORD = LuaScript.load(RedisStatsStore.class, "record.lua");
  private static final LuaScript READ = LuaScript.load(RedisStatsStore.class, "read.lua");

  private final RedisLink redis;
  private final Clock clock;

  /** Counters in the Redis behind {@code redis}, days by {@code clock}. */
  public RedisStatsStore(RedisLink redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The key of one day's visitors. */
  public static String uniqueKey(LocalDate day) {
    return "analytics:unique:" + day;
  }

  /** The key of one day's letters. */
  public static String lettersKey(LocalDate day) {
    return "analytics:letters:" + day;
  }

  @Override
  public CompletionStage<Void> record(AnalyticsEvent event) {
    LocalDate day = today();
    return redis.<Long>run(RECORD, ScriptOutputType.INTEGER,
            new String[] {TOTAL, uniqueKey(day), lettersKey(day)},
            event.visitorId().orElse(""), event.isLetter() ? "1" : "0", Long.toString(DAY_KEYS_TTL.toSeconds()))
        .thenApply(total -> (Void) null);
  }

  @Override
  public CompletionStage<Counters> counters() {
    LocalDate day = today();
    return redis.<List<Object>>run(READ, ScriptOutputType.MULTI, new String[] {TOTAL, uniqueKey(day), lettersKey(day)})
        .thenApply(reply -> new Counters(number(reply, 1), number(reply, 0), number(reply, 2)));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static long number(List<Object> reply, int index) {
    return ((Number) reply.get(index)).longValue();
  }
}
