package io.warren.journal;

import java.nio.file.Path;

/**
 * A damaged last record of a cycle file: the writer died (or the OS lost pages) while it was
 * being written. It is left out of every read, and reported, never silently skipped.
 */
public record TornTail(Path file, long index, String detail) {
  @Override
  public String toString() {
    return "torn tail in " + file + " at index " + index + " (" + JournalIndex.describe(index)
        + "): " + detail + "; records from there on in that file are cut";
  }
}
