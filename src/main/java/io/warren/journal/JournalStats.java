package io.warren.journal;

import java.util.List;
import java.util.Map;

/**
 * Numbers about a journal.
 *
 * @param countsByType records per type, types in name order
 * @param apparentBytes sum of the files' sizes
 * @param allocatedBytes disk blocks actually used (cycle files are sparse)
 * @param firstTimeMillis time field of the oldest retained record, 0 if none
 * @param lastTimeMillis time field of the newest record, 0 if none
 * @param lastCheckpointIndex index of the newest checkpoint, -1 if none
 * @param lastCheckpointTimeMillis its time, 0 if none
 */
public record JournalStats(long records, Map<String, Long> countsByType, long apparentBytes,
    long allocatedBytes, List<String> files, long firstIndex, long lastIndex, long firstTimeMillis,
    long lastTimeMillis, long lastCheckpointIndex, long lastCheckpointTimeMillis,
    List<TornTail> tornTails) {

  /** Records per second over the span of record times; 0 for a span under a millisecond. */
  public double ratePerSecond() {
    long span = lastTimeMillis - firstTimeMillis;
    return span <= 0 ? 0 : records * 1000.0 / span;
  }
}
