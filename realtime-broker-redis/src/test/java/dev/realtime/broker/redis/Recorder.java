package dev.realtime.broker.redis;

import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps everything a channel delivered, in order. */
final class Recorder implements ChannelListener {

  final List<Publication> publications = new CopyOnWriteArrayList<>();
  final List<StreamGap> gaps = new CopyOnWriteArrayList<>();
  /** Publications and gaps interleaved as they came, for order checks across both. */
  final List<Object> events = new CopyOnWriteArrayList<>();

  @Override
  public void onPublication(Publication publication) {
    publications.add(publication);
    events.add(publication);
  }

  @Override
  public void onUnrecoverableGap(StreamGap gap) {
    gaps.add(gap);
    events.add(gap);
  }

  List<String> texts() {
    return publications.stream().map(Publication::payloadText).toList();
  }

  List<Long> offsets() {
    return publications.stream().map(p -> p.position().offset()).toList();
  }

  int size() {
    return publications.size();
  }
}
