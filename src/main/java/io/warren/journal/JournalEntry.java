package io.warren.journal;

/** One record and where it is in the journal. */
public record JournalEntry(long index, JournalRecord record) {
  /** The generation (cycle file) holding this entry. */
  public int generation() {
    return JournalIndex.cycle(index);
  }
}
