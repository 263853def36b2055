package dev.realtime.examples.tours;

import dev.realtime.broker.StreamPosition;
import dev.realtime.hub.Hub;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * {@code /random}: {@code WELCOME} on connect, then one {@code RANDOM_NUMBER} (1 to 100) per tick
 * to every client of every node. The node that wins the tick draws the number and broadcasts it
 * through the broker, stamped with the tick's own instant, so every client of the cluster sees
 * the same value and the same timestamp, once.
 */
public final class RandomNumbers {
  private final Hub hub;
  private final RandomGenerator random;

  /** The hub, built from {@code hub}, drawing from {@code random}. */
  public RandomNumbers(Hub.Builder hub, Clock clock, RandomGenerator random) {
    Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.hub = hub
        .onConnect(ctx -> ctx.client().send(
            TourFrames.welcome("Welcome to the random number server!", clock.instant())))
        .on("PING", ctx -> ctx.reply(TourFrames.pong(clock.instant())))
        .build();
  }

  /** The hub to route at {@code /random}. */
  public Hub hub() {
    return hub;
  }

  /** Draws this tick's number and sends it to every client of the cluster. */
  public CompletionStage<StreamPosition> tick(Instant at) {
    return hub.broadcast(TourFrames.randomNumber(random.nextInt(1, 101), at));
  }
}
