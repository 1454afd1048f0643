package io.warren.journal;

import java.util.List;

/**
 * What the writer found when it opened the journal: every retained record was read and verified.
 *
 * @param records whole records retained
 * @param lastIndex index of the last whole record, -1 if none
 * @param lastCheckpointIndex index of the newest Checkpoint, -1 if none
 * @param tornTails damaged last records that were cut (reported, never silently dropped)
 * @param generation the generation (cycle) this writer session appends to
 */
public record OpenReport(long records, long lastIndex, long lastCheckpointIndex,
    List<TornTail> tornTails, int generation) {
  public OpenReport {
    tornTails = List.copyOf(tornTails);
  }
}
