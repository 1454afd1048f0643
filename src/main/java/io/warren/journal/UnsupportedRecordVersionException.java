package io.warren.journal;

/**
 * A record carries a version this code cannot read: written by a newer warren (or older than the
 * oldest version still supported). Never skipped: the journal refuses to open.
 */
public class UnsupportedRecordVersionException extends JournalException {
  private final String recordType;
  private final int version;

  public UnsupportedRecordVersionException(String recordType, int version) {
    this(recordType, version, "");
  }

  private UnsupportedRecordVersionException(String recordType, int version, String where) {
    super(where + "record type " + recordType + " has version " + version
        + "; this warren reads versions " + RecordCodec.MIN_COMPAT_VERSION + ".."
        + JournalRecord.FORMAT_VERSION + " (was the journal written by a newer warren?)");
    this.recordType = recordType;
    this.version = version;
  }

  /** The same refusal, saying where the record is. */
  UnsupportedRecordVersionException at(java.nio.file.Path file, long index) {
    return new UnsupportedRecordVersionException(recordType, version,
        "journal file " + file + " index " + index + " (" + JournalIndex.describe(index) + "): ");
  }

  public String recordType() {
    return recordType;
  }

  public int version() {
    return version;
  }
}
