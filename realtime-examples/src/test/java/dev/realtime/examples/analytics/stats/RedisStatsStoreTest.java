package dev.realtime.examples.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.feed.RedisLink;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis counters against a real redis-server: shared by every link, days in their own keys. */
class RedisStatsStoreTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void countersLiveInRedisUnderDocumentedKeysAndOutliveTheLinkThatWroteThem() throws Exception {
    try (RedisLink first = RedisLink.connect(redis.uri())) {
      RedisStatsStore store = new RedisStatsStore(first, clock);
      for (String json : new String[] {"{\"type\":\"page_view\",\"visitor_id\":\"ann\"}",
          "{\"type\":\"page_view\",\"visitor_id\":\"ann\"}", "{\"type\":\"letter_generated\",\"visitor_id\":\"bob\"}",
          "{\"type\":\"click\"}"}) {
        store.record(AnalyticsEvent.parse(json, clock)).toCompletableFuture().get();
      }
    }
    try (RedisLink second = RedisLink.connect(redis.uri())) {
      assertThat(new RedisStatsStore(second, clock).counters().toCompletableFuture().get()).isEqualTo(new Counters(2, 4, 1));
    }
    LocalDate day = LocalDate.parse("2026-03-01");
    assertThat(redis.server().command("GET", RedisStatsStore.TOTAL)).hasToString("4");
    assertThat(redis.server().command("PFCOUNT", RedisStatsStore.uniqueKey(day))).hasToString("2");
    assertThat(redis.server().command("GET", RedisStatsStore.lettersKey(day))).hasToString("1");
    long ttl = Long.parseLong(String.valueOf(redis.server().command("TTL", RedisStatsStore.uniqueKey(day))));
    assertThat(ttl).isBetween(RedisStatsStore.DAY_KEYS_TTL.toSeconds() - 60, RedisStatsStore.DAY_KEYS_TTL.toSeconds());
  }
}
