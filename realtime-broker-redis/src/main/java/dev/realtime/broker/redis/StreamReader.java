package dev.realtime.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads channels' positions and history with {@code history.lua}, and judges whether a range is
 * recoverable: same epoch, within the limit, contiguous from the requested offset to the top, and
 * younger than the history age (by the Redis server's clock).
 */
final class StreamReader {

  private static final byte[] NO_EPOCH = new byte[0];
  private static final byte[] D = {'d'};
  private static final byte[] T = {'t'};
  private static final byte[] X = {'x'};

  private final Scripts scripts;
  private final Keys keys;
  private final Settings settings;

  StreamReader(Scripts scripts, Keys keys, Settings settings) {
    this.scripts = scripts;
    this.keys = keys;
    this.settings = settings;
  }

  /** Returns the publications after {@code since}, or why they are lost. */
  CompletableFuture<History> read(String channel, StreamPosition since, int limit) {
    return run(channel, Long.toString(since.offset()).getBytes(UTF_8), since.epoch().getBytes(UTF_8), limit)
        .thenApply(reply -> judge(channel, since, limit, reply));
  }

  /** Returns the channel's position, starting its epoch when it has none. */
  CompletableFuture<StreamPosition> position(String channel) {
    return run(channel, "0".getBytes(UTF_8), NO_EPOCH, 0)
        .thenApply(reply -> new StreamPosition(number(reply.get(1)), text(reply.get(0))));
  }

  /** Returns a fresh epoch token, offered to a script that finds a channel without one. */
  static String newEpoch() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  private CompletableFuture<List<Object>> run(String channel, byte[] since, byte[] epoch, int limit) {
    String[] scriptKeys = {keys.stream(channel), keys.meta(channel)};
    return scripts.run(
        Scripts.Script.HISTORY,
        ScriptOutputType.MULTI,
        scriptKeys,
        since,
        epoch,
        Integer.toString(limit).getBytes(UTF_8),
        Long.toString(settings.streamTtl().toMillis()).getBytes(UTF_8),
        newEpoch().getBytes(UTF_8));
  }

  private History judge(String channel, StreamPosition since, int limit, List<Object> reply) {
    StreamPosition top = new StreamPosition(number(reply.get(1)), text(reply.get(0)));
    long now = number(reply.get(2));
    if (!since.sameEpoch(top) || since.offset() > top.offset()) {
      return History.lost(top, StreamGap.Reason.EPOCH_CHANGED);
    }
    long missed = top.offset() - since.offset();
    if (missed == 0) {
      return History.recovered(List.of(), top);
    }
    if (missed > limit) {
      return History.lost(top, StreamGap.Reason.LIMIT_EXCEEDED);
    }
    List<?> entries = (List<?>) reply.get(3);
    if (entries.size() != missed) {
      return History.lost(top, StreamGap.Reason.HISTORY_TRIMMED);
    }
    long oldestKept = now - settings.historyAge().toMillis();
    List<Publication> publications = new ArrayList<>(entries.size());
    long expected = since.offset() + 1;
    for (Object item : entries) {
      List<?> entry = (List<?>) item;
      long offset = Long.parseLong(text(entry.get(0)).split("-", 2)[0]);
      if (offset != expected++) {
        return History.lost(top, StreamGap.Reason.HISTORY_TRIMMED);
      }
      Fields fields = Fields.of((List<?>) entry.get(1));
      if (fields.storedAtMillis < oldestKept) {
        return History.lost(top, StreamGap.Reason.HISTORY_TRIMMED);
      }
      publications.add(
          Publication.of(
              channel, new StreamPosition(offset, top.epoch()), fields.payload, fields.excluded, true));
    }
    return History.recovered(publications, top);
  }

  /** The fields of one stream entry. */
  private record Fields(byte[] payload, long storedAtMillis, Optional<String> excluded) {
    static Fields of(List<?> flat) {
      byte[] payload = new byte[0];
      long storedAt = 0;
      Optional<String> excluded = Optional.empty();
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        byte[] name = (byte[]) flat.get(i);
        byte[] value = (byte[]) flat.get(i + 1);
        if (Arrays.equals(name, D)) {
          payload = value;
        } else if (Arrays.equals(name, T)) {
          storedAt = Long.parseLong(new String(value, UTF_8));
        } else if (Arrays.equals(name, X)) {
          excluded = Optional.of(new String(value, UTF_8));
        }
      }
      return new Fields(payload, storedAt, excluded);
    }
  }

  static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, UTF_8) : String.valueOf(reply);
  }

  static long number(Object reply) {
    return reply instanceof Long value ? value : Long.parseLong(text(reply));
  }
}
