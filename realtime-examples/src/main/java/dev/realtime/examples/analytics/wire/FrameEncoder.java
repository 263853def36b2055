package dev.realtime.examples.analytics.wire;

import com.google.gson.JsonElement;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.Stats;
import dev.realtime.examples.feed.Selection;
import dev.realtime.transport.OutboundMessage;
import java.util.Optional;

/** Builds the feed's frames in one encoding; each result can go to any number of clients. */
public interface FrameEncoder {

  /** {@code initial_stats}, {@code heartbeat} or {@code stats} ({@code kind}) with the stats. */
  OutboundMessage stats(StatsKind kind, Stats stats, Optional<JsonElement> id);

  /** One event, as published. */
  OutboundMessage event(AnalyticsEvent event);

  /** The answer to {@code subscribe}/{@code unsubscribe}: the filter in force. */
  OutboundMessage subscriptions(Selection selection, Optional<JsonElement> id);

  /** The answer to {@code ping}. */
  OutboundMessage pong(long millis, Optional<JsonElement> id);

  /** A refused request. */
  OutboundMessage error(String code, String message, Optional<JsonElement> id);

  /** Which stats frame. */
  enum StatsKind {
    /** Sent once, on connect. */
    INITIAL_STATS("initial_stats"),
    /** Sent to everyone every heartbeat interval. */
    HEARTBEAT("heartbeat"),
    /** The answer to {@code refresh_stats}. */
    STATS("stats");

    private final String type;

    StatsKind(String type) {
      this.type = type;
    }

    /** The frame's {@code type}. */
    public String type() {
      return type;
    }
  }
}
