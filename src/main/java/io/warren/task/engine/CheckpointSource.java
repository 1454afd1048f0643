package io.warren.task.engine;

import io.warren.journal.Checkpoint;
import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import io.warren.journal.ManagerAck;
import java.util.List;

/**
 * The journal as the engine writes to it, folded as it goes, so a checkpoint is exactly the state
 * the records before it describe.
 *
 * <p>Why not ask the task runners for their state? A checkpoint is written inside some append; a
 * runner on another lane may have appended a transition a moment earlier and not yet published
 * its new state, and a checkpoint built from runners would then silently drop that transition on
 * the next replay. Here the fold is updated under the same lock, before the append, on every
 * record, so the fold always covers every record the journal holds when it asks for a checkpoint
 * ({@link #snapshot()}, registered as the journal's checkpoint supplier).
 */
public final class CheckpointSource implements JournalWriter {
  private final JournalWriter journal;
  private final CheckpointFold fold;
  private final String nodeId;

  /** Continues {@code fold}, the state replay folded (it must not be used elsewhere any more). */
  public CheckpointSource(JournalWriter journal, CheckpointFold fold, String nodeId) {
    this.journal = journal;
    this.fold = fold;
    this.nodeId = nodeId;
  }

  @Override
  public synchronized long append(JournalRecord record) {
    // Fold first: the journal may call snapshot() from inside this append, and the snapshot must
    // include this record. If the append then fails, the worker fails stop and this fold is gone.
    fold.apply(record);
    return journal.append(record);
  }

  /** The last status the manager acknowledged for each task, as journaled. */
  public synchronized List<ManagerAck> acknowledged() {
    return fold.acknowledged();
  }

  /** Every task the records describe, as one Checkpoint. Called by the journal when one is due. */
  public synchronized Checkpoint snapshot() {
    return fold.snapshot(nodeId);
  }
}
