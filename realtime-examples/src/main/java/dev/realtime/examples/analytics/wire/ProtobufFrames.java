package dev.realtime.examples.analytics.wire;

import com.google.gson.JsonElement;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.Stats;
import dev.realtime.examples.analytics.proto.ErrorFrame;
import dev.realtime.examples.analytics.proto.Pong;
import dev.realtime.examples.analytics.proto.ServerFrame;
import dev.realtime.examples.analytics.proto.Statistics;
import dev.realtime.examples.analytics.proto.Subscriptions;
import dev.realtime.examples.feed.Selection;
import dev.realtime.transport.OutboundMessage;
import java.util.Optional;

/** The binary frames: one {@code ServerFrame} of {@code docs/proto/analytics.proto} per message. */
final class ProtobufFrames implements FrameEncoder {
  static final ProtobufFrames INSTANCE = new ProtobufFrames();

  private ProtobufFrames() {}

  @Override
  public OutboundMessage stats(StatsKind kind, Stats stats, Optional<JsonElement> id) {
    Statistics body = Statistics.newBuilder()
        .setCurrentVisitors(stats.currentVisitors())
        .setUniqueToday(stats.uniqueToday())
        .setTotalEvents(stats.totalEvents())
        .setLettersToday(stats.lettersToday())
        .setTimestamp(stats.timestamp())
        .build();
    ServerFrame.Builder frame = ServerFrame.newBuilder();
    switch (kind) {
      case INITIAL_STATS -> frame.setInitialStats(body);
      case HEARTBEAT -> frame.setHeartbeat(body);
      case STATS -> frame.setStats(body);
    }
    return finish(frame, id);
  }

  @Override
  public OutboundMessage event(AnalyticsEvent event) {
    return finish(ServerFrame.newBuilder().setEvent(EventCodec.toProto(event.json())), Optional.empty());
  }

  @Override
  public OutboundMessage subscriptions(Selection selection, Optional<JsonElement> id) {
    Subscriptions.Builder body = Subscriptions.newBuilder().setAll(selection.all());
    if (selection.all()) {
      body.addAllExcept(selection.sortedNames());
    } else {
      body.addAllEvents(selection.sortedNames());
    }
    return finish(ServerFrame.newBuilder().setSubscriptions(body), id);
  }

  @Override
  public OutboundMessage pong(long millis, Optional<JsonElement> id) {
    return finish(ServerFrame.newBuilder().setPong(Pong.newBuilder().setTimestamp(millis)), id);
  }

  @Override
  public OutboundMessage error(String code, String message, Optional<JsonElement> id) {
    return finish(ServerFrame.newBuilder().setError(ErrorFrame.newBuilder().setCode(code).setMessage(message)), id);
  }

  private static OutboundMessage finish(ServerFrame.Builder frame, Optional<JsonElement> id) {
    id.filter(JsonElement::isJsonPrimitive).ifPresent(value -> frame.setId(value.getAsString()));
    return OutboundMessage.binary(frame.build().toByteArray());
  }
}
