package io.warren.journal;

import java.time.Duration;

/**
 * When the journal asks its owner for a checkpoint: after {@code everyRecords} records, or when
 * {@code every} has passed since the last one (checked after each append: an idle journal does
 * not grow, so it needs none).
 */
public record CheckpointPolicy(long everyRecords, Duration every) {

  /** Records between checkpoints unless the operator says otherwise ({@code --checkpoint-every}). */
  public static final long DEFAULT_EVERY_RECORDS = 10_000;

  /**
   * Defaults: 10,000 records or 10 minutes, whichever comes first. Why 10,000: a start replays
   * every record since the last checkpoint, so this bounds the replay inside crash recovery (about
   * 3 µs a record on a cold JVM), while a checkpoint of a hundred tasks is tens of KB, written once
   * per ~1.5 MB of journal. Retention follows: at most about three times this many records are on
   * disk (FORMAT.md §5).
   */
  public static final CheckpointPolicy DEFAULT =
      new CheckpointPolicy(DEFAULT_EVERY_RECORDS, Duration.ofMinutes(10));

  public CheckpointPolicy {
    if (everyRecords <= 0) {
      throw new IllegalArgumentException("checkpoint everyRecords must be > 0, got " + everyRecords);
    }
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("checkpoint interval must be > 0, got " + every);
    }
  }

  /** The default interval with {@code everyRecords} records between checkpoints. */
  public static CheckpointPolicy ofRecords(long everyRecords) {
    return new CheckpointPolicy(everyRecords, DEFAULT.every());
  }

  boolean isDue(long recordsSince, long millisSince) {
    return recordsSince >= everyRecords || millisSince >= every.toMillis();
  }
}
