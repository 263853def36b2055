package dev.realtime.broker;

import java.util.Objects;

/**
 * What a successful publish answers.
 *
 * @param position the publication's position: its own offset when kept in history, otherwise the
 *     stream's position at the time it was published
 * @param duplicate whether the idempotency key had been used already, so nothing was stored or
 *     delivered and {@code position} is the first publication's
 */
public record PublishResult(StreamPosition position, boolean duplicate) {

  /** Validates the components. */
  public PublishResult {
    Objects.requireNonNull(position, "position");
  }
}
