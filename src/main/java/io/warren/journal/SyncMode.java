package io.warren.journal;

import java.util.Locale;

/**
 * What an append survives. Every mode survives the death of the process (the record is in the
 * shared page cache when {@code append} returns); they differ on an OS crash or power loss.
 */
public enum SyncMode {
  /** Never msync: the kernel writes pages back when it likes (typically within ~30 s). */
  NONE,
  /**
   * Group commit: a background flusher msyncs whatever was appended at most every batch interval
   * (default 10 ms); an OS crash loses at most the last interval's records.
   */
  BATCH,
  /** msync(MS_SYNC) of the appended bytes before {@code append} returns. */
  ALWAYS;

  /** @throws IllegalArgumentException naming the option and the value for anything else */
  public static SyncMode parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "none" -> NONE;
      case "batch" -> BATCH;
      case "always" -> ALWAYS;
      default -> throw new IllegalArgumentException(
          "--journal-sync: unknown value '" + value + "' (expected none, batch or always)");
    };
  }
}
