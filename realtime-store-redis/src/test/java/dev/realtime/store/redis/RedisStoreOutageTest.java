package dev.realtime.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationType;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis with an fsynced append-only file under live stores: killed with SIGKILL, both stores fail
 * fast and clearly; restarted, the same store objects reconnect and find everything they wrote.
 */
class RedisStoreOutageTest {
  @RegisterExtension static final RedisExtension REDIS = RedisExtension.persistent();

  private RedisDocumentStore<String, TextOperation> documents;
  private RedisNotificationStore notifications;

  @BeforeEach
  void connect() {
    documents = RedisDocumentStore.plainText(REDIS.uri()).commandTimeout(Duration.ofMillis(500)).connect();
    notifications = RedisNotificationStore.builder(REDIS.uri()).commandTimeout(Duration.ofMillis(500)).connect();
  }

  @AfterEach
  void close() {
    documents.close();
    notifications.close();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(20); // polling interval of a condition wait with a deadline
    }
  }

  private boolean answers() {
    try {
      documents.load("d");
      notifications.size();
      return true;
    } catch (RedisStoreException e) {
      return false;
    }
  }

  @Test
  void aCrashLosesNothingTheStoresAcknowledgedAndTheyWorkAgainOnceRedisIsBack() throws Exception {
    HistoryEntry<TextOperation> first = new HistoryEntry<>("s", 1, 0, TextOperation.insert(0, 0, "kept"));
    assertThat(documents.commit("d", first, 0)).isEqualTo(new CommitResult.Committed(1));
    Notification note = Notification.builder().id("n").type(NotificationType.INFO).title("t").message("m")
        .createdAt(Instant.parse("2026-11-22T10:00:00Z")).build();
    assertThat(notifications.add(note)).isTrue();
    assertThat(notifications.markRead("alice", "n")).isTrue();

    REDIS.server().kill();
    assertThatThrownBy(() -> documents.commit("d", new HistoryEntry<>("s", 2, 1, TextOperation.insert(4, 4, "!")), 1))
        .isInstanceOf(RedisStoreException.class);
    assertThatThrownBy(() -> notifications.find("n")).isInstanceOf(RedisStoreException.class);

    REDIS.server().restart();
    await("both stores answer again", this::answers);
    assertThat(documents.load("d").orElseThrow().log()).containsExactly(first);
    // The write that failed did not happen, so it commits now; once it has, repeating it is a duplicate.
    HistoryEntry<TextOperation> second = new HistoryEntry<>("s", 2, 1, TextOperation.insert(4, 4, "!"));
    assertThat(documents.commit("d", second, 1)).isEqualTo(new CommitResult.Committed(2));
    assertThat(documents.commit("d", second, 1)).isEqualTo(new CommitResult.Duplicate(OptionalInt.of(2)));
    assertThat(notifications.find("n")).contains(note);
    assertThat(notifications.isRead("alice", "n")).isTrue();
  }

  @Test
  void anUnreachableRedisFailsTheConnectClearly() {
    assertThatThrownBy(() -> RedisDocumentStore.plainText("redis://127.0.0.1:1").connectTimeout(Duration.ofMillis(300))
        .connect()).isInstanceOf(RedisStoreException.class).hasMessageContaining("cannot connect to Redis");
    assertThatThrownBy(() -> RedisNotificationStore.builder("redis://127.0.0.1:1").connectTimeout(Duration.ofMillis(300))
        .connect()).isInstanceOf(RedisStoreException.class).hasMessageContaining("cannot connect to Redis");
  }
}
