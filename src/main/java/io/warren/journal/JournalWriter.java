package io.warren.journal;

/** The append side of the journal: the one seam the engine writes through. */
public interface JournalWriter {
  /**
   * Appends a record and returns its index. When this returns, the record survives the death of
   * the process; what survives an OS crash depends on the sync mode.
   *
   * @throws JournalException if the record may not have been written; the caller fails stop
   */
  long append(JournalRecord record);
}
