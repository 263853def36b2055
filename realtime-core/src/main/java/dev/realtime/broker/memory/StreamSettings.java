package dev.realtime.broker.memory;

import java.time.Duration;

/**
 * The bounds of every in-memory stream.
 *
 * @param historySize how many publications a channel's history keeps
 * @param historyAge how long a publication stays in history
 * @param idempotencyWindow how long a used idempotency key is remembered
 * @param idempotencyKeys how many used keys a channel remembers at most
 * @param streamTtl how long an unused stream (no listener, empty history) keeps its epoch
 */
record StreamSettings(
    int historySize,
    Duration historyAge,
    Duration idempotencyWindow,
    int idempotencyKeys,
    Duration streamTtl) {}
