package io.warren.journal;

import java.time.Duration;

/**
 * When the journal asks its owner for a checkpoint: after {@code everyRecords} records, or when
 * {@code every} has passed since the last one (checked after each append: an idle journal does
 * not grow, so it needs none).
 */
public record CheckpointPolicy(long everyRecords, Duration every) {

  /** Defaults: 50,000 records or 10 minutes, whichever comes first. */
  public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(50_000, Duration.ofMinutes(10));

  public CheckpointPolicy {
    if (everyRecords <= 0) {
      throw new IllegalArgumentException("checkpoint everyRecords must be > 0, got " + everyRecords);
    }
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("checkpoint interval must be > 0, got " + every);
    }
  }

  boolean isDue(long recordsSince, long millisSince) {
    return recordsSince >= everyRecords || millisSince >= every.toMillis();
  }
}
