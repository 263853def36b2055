package dev.realtime.examples.dashboard;

import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The synthetic generator ({@code --simulate}): slow sine trends over an hour-long cycle,
 * noise, and occasional spikes that push CPU, response time and error rate up together.
 *
 * <p>Seedable and driven by the time it is given, so a test gets the same series every run; {@link
 * #forceSpikes} makes the next samples spike regardless of chance.
 */
public final class SimulatedSource implements SampleSource {
  /** The default chance that a sample spikes. */
  public static final double DEFAULT_SPIKE_PROBABILITY = 0.1;

  private final Random random;
  private final double spikeProbability;
  private final AtomicInteger forcedSpikes = new AtomicInteger();

  /** A generator seeded with {@code seed}, with the default spike probability. */
  public SimulatedSource(long seed) {
    this(seed, DEFAULT_SPIKE_PROBABILITY);
  }

  /** A generator whose samples spike with {@code spikeProbability} (0 for only forced spikes). */
  public SimulatedSource(long seed, double spikeProbability) {
    if (!(spikeProbability >= 0 && spikeProbability <= 1)) {
      throw new IllegalArgumentException("spikeProbability must be within [0, 1]");
    }
    this.random = new Random(seed);
    this.spikeProbability = spikeProbability;
  }

  /** Makes the next {@code count} samples spike. */
  public void forceSpikes(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    forcedSpikes.addAndGet(count);
  }

  @Override
  public String mode() {
    return "simulated";
  }

  @Override
  public synchronized MetricsSample sample(Instant now, double tickLagMillis) {
    // A one-hour cycle: each metric follows its own sine period plus noise.
    double t = Math.floorMod(now.getEpochSecond(), 3600L);
    double cpu = 30 + 40 * Math.sin(t / 600) + 10 * random.nextDouble();
    double memory = 45 + 25 * Math.sin(t / 900) + 15 * random.nextDouble();
    double disk = 60 + 10 * Math.sin(t / 1800) + 5 * random.nextDouble();
    double networkIn = 100 + 50 * Math.sin(t / 300) + 20 * random.nextDouble();
    double networkOut = 80 + 40 * Math.sin(t / 300) + 15 * random.nextDouble();
    int users = 100 + (int) (50 * Math.sin(t / 1200)) + random.nextInt(20);
    int requests = 500 + (int) (200 * Math.sin(t / 600)) + random.nextInt(100);
    double errorRate = 1 + 3 * random.nextDouble();
    double responseTime = 200 + 300 * random.nextDouble();
    int database = 20 + random.nextInt(30);
    double cacheHit = 85 + 10 * random.nextDouble();
    // Draw the chance every time so forcing a spike does not shift the rest of the series.
    boolean chance = random.nextDouble() < spikeProbability;
    if (takeForcedSpike() || chance) {
      cpu = Math.min(100, cpu + 30);
      responseTime += 500;
      errorRate += 2;
    }
    return new MetricsSample(
        now,
        clampPercent(cpu),
        clampPercent(cpu * 0.4),
        clampPercent(memory),
        clampPercent(memory * 0.8),
        clampPercent(disk),
        networkIn,
        networkOut,
        users,
        requests,
        errorRate,
        responseTime,
        database,
        clampPercent(cacheHit));
  }

  private boolean takeForcedSpike() {
    return forcedSpikes.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** The trend formulas dip below 0 at the bottom of the CPU cycle; a percentage cannot. */
  private static double clampPercent(double value) {
    return Math.max(0, Math.min(100, value));
  }
}
