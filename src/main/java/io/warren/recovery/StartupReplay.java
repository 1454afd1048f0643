package io.warren.recovery;

import io.warren.journal.Checkpoint;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalIndex;
import io.warren.journal.JournalReader;
import io.warren.journal.JournalRecord;
import io.warren.journal.ReplaySink;
import io.warren.task.engine.CheckpointFold;
import io.warren.task.machine.HistoryFold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Recovery's replay phase, the reading half: the last checkpoint of a worker's journal and every
 * record after it, folded as they are read into what the next checkpoint continues ({@link
 * #checkpointFold()}; the engine restores its tasks from a copy, {@link #engineFold()}), and checked
 * to describe the whole history before it is trusted. The records themselves are not kept: a
 * worker's start-up folds them while the journal's open verifies them ({@link
 * ChronicleJournal.Builder#replayInto}), before the task machine is loaded, so the folds learn
 * its initial state afterwards ({@link #initialState(String)}).
 *
 * <p>A journal's generations are numbered from {@value #FIRST_GENERATION} (the first writer start
 * on an empty data dir) and old generations are only ever dropped behind a checkpoint that
 * covers them. So the retained journal must either hold a checkpoint (replay starts there) or
 * still begin with generation {@value #FIRST_GENERATION} (replay starts at the beginning of
 * history). Anything else means cycle files were lost together with the checkpoint that covered
 * them: replaying the rest would forget tasks, and recovery would then reap their running
 * containers as unowned. Start-up refuses instead ({@link MissingCheckpointException}).
 */
public final class StartupReplay implements ReplaySink {
  /** The generation of the first record a fresh data dir's journal ever holds. */
  public static final int FIRST_GENERATION = 1;

  private CheckpointFold checkpointFold;
  private HistoryFold engineFold; // a copy of the checkpoint fold's tasks, once complete
  private boolean fromCheckpoint;
  private long records;

  public StartupReplay() {
    restart();
  }

  @Override
  public void restart() {
    checkpointFold = CheckpointFold.awaitingInitialState();
    engineFold = null;
    fromCheckpoint = false;
    records = 0;
  }

  @Override
  public void accept(JournalRecord record) {
    if (records == 0 && record instanceof Checkpoint) {
      fromCheckpoint = true;
    }
    records++;
    checkpointFold.apply(record);
  }

  /**
   * Reads the journal of {@code dataDir} from its last checkpoint, with a reader of its own.
   *
   * @throws MissingCheckpointException if the retained journal has no checkpoint and does not
   *     begin at the first generation
   * @throws io.warren.journal.JournalCorruptException on damage in the middle (as every read)
   */
  public static StartupReplay read(Path dataDir) {
    StartupReplay replay = new StartupReplay();
    try (JournalReader reader = JournalReader.open(dataDir);
         Stream<JournalEntry> entries = reader.readFromLastCheckpoint()) {
      entries.forEach(e -> replay.accept(e.record()));
      replay.checkWholeHistory(dataDir, reader.journalDir(), reader.lastIndex());
    }
    return replay;
  }

  /**
   * Once {@code journal}'s open has fed this replay: checks that it read the whole history.
   *
   * @throws MissingCheckpointException as {@link #read}
   */
  public void checkOpened(ChronicleJournal journal, Path dataDir) {
    checkWholeHistory(dataDir, journal.journalDir(), journal.openReport().lastIndex());
  }

  private void checkWholeHistory(Path dataDir, Path journalDir, long lastIndex) {
    if (!fromCheckpoint) {
      requireWholeHistory(dataDir, journalDir, lastIndex);
    }
  }

  /**
   * Without a checkpoint, replay reads from the first retained record, which must then be the
   * first record ever written. Judged by the cycle files themselves: once files were deleted
   * behind the writer's back, a reader starting "at the beginning" may see nothing at all.
   */
  private static void requireWholeHistory(Path dataDir, Path dir, long last) {
    if (last < 0 || Files.exists(JournalIndex.cycleFile(dir, FIRST_GENERATION))) {
      return;
    }
    for (int c = FIRST_GENERATION + 1; c <= JournalIndex.cycle(last); c++) {
      Path f = JournalIndex.cycleFile(dir, c);
      if (Files.exists(f)) {
        throw new MissingCheckpointException(dataDir, dir, c, f);
      }
    }
  }

  /**
   * The task machine's initial state, for the tasks assigned in the records read; completes the
   * replay (the engine's fold is copied from the checkpoint fold here, before the checkpoint
   * source continues it).
   */
  public void initialState(String state) {
    checkpointFold.initialState(state);
    engineFold = checkpointFold.tasksCopy();
  }

  /** Whether replay started at a checkpoint (else at the beginning of history). */
  public boolean fromCheckpoint() {
    return fromCheckpoint;
  }

  /** How many records replay read, the checkpoint included. */
  public long recordsRead() {
    return records;
  }

  /**
   * The records read, folded for {@link io.warren.task.engine.TaskEngine#restore(HistoryFold)}.
   *
   * @throws IllegalStateException before {@link #initialState(String)}
   */
  public HistoryFold engineFold() {
    if (engineFold == null) {
      throw new IllegalStateException("replay is complete once the initial state is named");
    }
    return engineFold;
  }

  /**
   * The records read, folded for the {@link io.warren.task.engine.CheckpointSource} that continues
   * them.
   */
  public CheckpointFold checkpointFold() {
    return checkpointFold;
  }
}
