package io.warren.manager;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": the n-th delay is drawn from
 * [d/2, d] where d = min(max, initial * 2^n). Half the delay is fixed so retries never collapse
 * to zero; the random half spreads workers that lost the same manager at the same moment.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int failures;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more consecutive failure. */
  public Duration nextDelay() {
    int exp = Math.min(failures, 30);
    failures++;
    long ceiling = Math.min(maxMillis, initialMillis << exp);
    if (ceiling <= 0 || ceiling > maxMillis) {
      ceiling = maxMillis;
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }

  /** Consecutive failures since the last success. */
  public int failures() {
    return failures;
  }

  public void reset() {
    failures = 0;
  }
}
