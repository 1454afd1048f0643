package io.warren.journal;

/**
 * Receives, while the writer's open scans the journal, what a restarting owner replays: the
 * newest checkpoint that begins a generation and every record after it (every record, when there
 * is none), in journal order, each already verified ({@link OpenScan}). {@link #restart()} comes
 * before every Checkpoint record: what the sink received before it is covered by that checkpoint
 * and must be dropped. So the owner folds
 * its state as the journal is read and never holds the replayed records themselves (a start-up
 * with ~100 k records to replay held ~20 MB of them, and most of its garbage collection time was
 * spent copying them, docs/benchmarks-recovery.md).
 *
 * <p>Called on the opening thread only. If the open fails (a damaged middle, a future version),
 * whatever the sink received must not be used.
 *
 * @see ChronicleJournal.Builder#replayInto(ReplaySink)
 */
public interface ReplaySink {

  /** Forget everything received so far: a Checkpoint that covers it comes next. */
  void restart();

  /** The next record to replay. */
  void accept(JournalRecord record);
}
