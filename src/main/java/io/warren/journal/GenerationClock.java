package io.warren.journal;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * Chronicle's notion of time for the journal: it returns the start of day {@code generation}, so
 * the roll cycle (daily) equals the generation and the writer, not the wall clock, decides when a
 * new cycle file begins (at each checkpoint and each writer start). Record times are fields of
 * the records; this clock is used for nothing else.
 */
final class GenerationClock implements TimeProvider {
  private static final long DAY_MILLIS = 86_400_000L;
  private volatile int generation;

  GenerationClock(int generation) {
    this.generation = generation;
  }

  int generation() {
    return generation;
  }

  void advanceTo(int next) {
    if (next <= generation) {
      throw new IllegalStateException("generation must grow: " + generation + " -> " + next);
    }
    generation = next;
  }

  @Override
  public long currentTimeMillis() {
    return generation * DAY_MILLIS + 1;
  }
}
