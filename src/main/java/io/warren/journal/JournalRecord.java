package io.warren.journal;

/**
 * Everything the worker journals. Each record type has a stable name (its simple class name, used
 * on the wire and in JSONL fixtures) and is written by explicit field names: never Java
 * serialization. The format, with its version rules, is specified in {@code journal/FORMAT.md}.
 *
 * <p>Times are epoch milliseconds from the injected {@link java.time.Clock}, never read inside
 * the record code.
 */
public sealed interface JournalRecord
    permits NodeIdentity, TaskAssigned, Transition, EffectIntent, EffectOutcome, Reap, ManagerAck,
        Checkpoint {

  /** The schema version this code writes. Records with a higher version are refused. */
  int FORMAT_VERSION = 1;

  long timeMillis();

  /** Task this record is about, or {@code ""} for node-level records. */
  default String taskId() {
    return "";
  }

  /** Stable record type name: the simple class name. */
  default String type() {
    return getClass().getSimpleName();
  }
}
