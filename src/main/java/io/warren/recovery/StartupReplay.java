package io.warren.recovery;

import io.warren.journal.Checkpoint;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalIndex;
import io.warren.journal.JournalReader;
import io.warren.journal.JournalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recovery's replay phase, the reading half: the last checkpoint of a worker's journal and every
 * record after it, checked to describe the whole history before it is trusted.
 *
 * <p>A journal's generations are numbered from {@value #FIRST_GENERATION} (the first writer start
 * on an empty data dir) and old generations are only ever dropped behind a checkpoint that
 * covers them. So the retained journal must either hold a checkpoint (replay starts there) or
 * still begin with generation {@value #FIRST_GENERATION} (replay starts at the beginning of
 * history). Anything else means cycle files were lost together with the checkpoint that covered
 * them: replaying the rest would forget tasks, and recovery would then reap their running
 * containers as unowned. Start-up refuses instead ({@link MissingCheckpointException}).
 */
public final class StartupReplay {
  /** The generation of the first record a fresh data dir's journal ever holds. */
  public static final int FIRST_GENERATION = 1;

  private final Checkpoint checkpoint;
  private final List<JournalRecord> after;

  private StartupReplay(Checkpoint checkpoint, List<JournalRecord> after) {
    this.checkpoint = checkpoint;
    this.after = after;
  }

  /**
   * Reads the journal of {@code dataDir} from its last checkpoint.
   *
   * @throws MissingCheckpointException if the retained journal has no checkpoint and does not
   *     begin at the first generation
   * @throws io.warren.journal.JournalCorruptException on damage in the middle (as every read)
   */
  public static StartupReplay read(Path dataDir) {
    try (JournalReader reader = JournalReader.open(dataDir);
         Stream<JournalEntry> entries = reader.readFromLastCheckpoint()) {
      return of(entries.iterator(), dataDir, reader.journalDir(), reader.lastIndex());
    }
  }

  /**
   * The same from what the writer's open already read ({@link
   * ChronicleJournal.Builder#keepReplay()}): a worker's start reads its journal once.
   */
  public static StartupReplay fromOpen(ChronicleJournal journal, Path dataDir) {
    return of(journal.takeReplayFromOpen().iterator(), dataDir, journal.journalDir(),
        journal.openReport().lastIndex());
  }

  private static StartupReplay of(Iterator<JournalEntry> entries, Path dataDir, Path journalDir,
      long lastIndex) {
    Checkpoint checkpoint = null;
    List<JournalRecord> after = new ArrayList<>();
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (checkpoint == null && after.isEmpty() && e.record() instanceof Checkpoint c) {
        checkpoint = c;
      } else {
        after.add(e.record());
      }
    }
    if (checkpoint == null) {
      checkWholeHistory(dataDir, journalDir, lastIndex);
    }
    return new StartupReplay(checkpoint, after);
  }

  /**
   * Without a checkpoint, replay reads from the first retained record, which must then be the
   * first record ever written. Judged by the cycle files themselves: once files were deleted
   * behind the writer's back, a reader starting "at the beginning" may see nothing at all.
   */
  private static void checkWholeHistory(Path dataDir, Path dir, long last) {
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

  /** The checkpoint replay starts from, or null when it starts at the beginning of history. */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The records after the checkpoint (all of them without one), in journal order. */
  public List<JournalRecord> after() {
    return after;
  }

  /** How many records replay read, the checkpoint included. */
  public long recordsRead() {
    return after.size() + (checkpoint == null ? 0 : 1);
  }
}
