package io.warren.journal;

import java.nio.file.Path;

/**
 * A damaged record with whole records after it: not a torn tail but corruption in the middle of
 * the journal. Start-up stops; nothing is skipped.
 */
public class JournalCorruptException extends JournalException {
  private final Path file;
  private final long index;

  public JournalCorruptException(Path file, long index, String detail) {
    super("journal file " + file + " is corrupt at index " + index + " ("
        + JournalIndex.describe(index) + "): " + detail
        + "; refusing to continue (restore the file from a backup or export/import the readable part)");
    this.file = file;
    this.index = index;
  }

  public Path file() {
    return file;
  }

  public long index() {
    return index;
  }
}
