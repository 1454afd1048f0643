package io.warren.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.Checkpoint;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalDamage;
import io.warren.journal.ManagerAck;
import io.warren.journal.SyncMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What "missing checkpoint" means and does: no checkpoint is fine when the journal still begins
 * with its first generation (replay starts at the beginning of history); a checkpoint anywhere
 * makes replay start at the newest one (older cycles may be gone); cycles lost together with the
 * checkpoint that covered them stop start-up with a message naming the data dir.
 */
class StartupReplayTest {
  @TempDir
  Path dataDir;

  private static ManagerAck ack(int i) {
    return new ManagerAck(1_700_000_000_000L + i, "task-" + i, "running", "");
  }

  private ChronicleJournal open() {
    return ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open();
  }

  /** A separate read of the journal, and the worker's way: folded as the writer's open reads. */
  private void bothWays(Consumer<StartupReplay> check) {
    check.accept(StartupReplay.read(dataDir));
    StartupReplay replay = new StartupReplay();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .replayInto(replay).open()) {
      replay.checkOpened(j, dataDir);
      check.accept(replay);
    }
  }

  /** The acknowledgements replay folded (the records these tests write). */
  private static Set<ManagerAck> acks(StartupReplay r) {
    r.initialState("assigned");
    return Set.copyOf(r.checkpointFold().acknowledged());
  }

  @Test
  void noCheckpointButWholeHistoryReplaysFromTheFirstRecord() {
    try (ChronicleJournal j = open()) {
      assertEquals(StartupReplay.FIRST_GENERATION, j.openReport().generation());
      j.append(ack(1));
      j.append(ack(2));
    }
    try (ChronicleJournal j = open()) { // a second start, still without checkpoint
      j.append(ack(3));
    }
    bothWays(r -> {
      assertFalse(r.fromCheckpoint());
      assertEquals(Set.of(ack(1), ack(2), ack(3)), acks(r));
      assertEquals(3, r.recordsRead());
    });
  }

  @Test
  void replayStartsAtTheNewestCheckpointEvenWhenOlderCyclesAreGone() {
    int checkpointGen;
    try (ChronicleJournal j = open()) {
      j.append(ack(1));
      j.onCheckpointDue(() -> new Checkpoint(1_700_000_000_100L, "node-1", List.of()));
      j.checkpointNow();
      checkpointGen = j.openReport().generation() + 1;
      j.append(ack(2));
    }
    JournalDamage.deleteCyclesBefore(dataDir, checkpointGen);
    bothWays(r -> {
      assertTrue(r.fromCheckpoint());
      assertEquals(2, r.recordsRead(), "the checkpoint and the record after it");
      assertEquals(Set.of(ack(2)), acks(r), "ack 1 is before the checkpoint, which holds no task");
    });
  }

  @Test
  void cyclesLostWithTheirCheckpointRefuseNamingTheDataDir() {
    try (ChronicleJournal j = open()) {
      j.append(ack(1));
      j.onCheckpointDue(() -> new Checkpoint(1_700_000_000_100L, "node-1", List.of()));
      j.checkpointNow();
    }
    int later;
    try (ChronicleJournal j = open()) {
      later = j.openReport().generation();
      j.append(ack(2));
    }
    assertEquals(2, JournalDamage.deleteCyclesBefore(dataDir, later).size());

    MissingCheckpointException e = assertThrows(MissingCheckpointException.class,
        () -> StartupReplay.read(dataDir));
    StartupReplay replay = new StartupReplay();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .replayInto(replay).open()) {
      assertEquals(e.getMessage(), assertThrows(MissingCheckpointException.class,
          () -> replay.checkOpened(j, dataDir)).getMessage(), "the worker's way too");
    }
    assertEquals(later, e.firstGeneration());
    assertEquals(dataDir, e.dataDir());
    assertTrue(e.getMessage().contains("has no checkpoint and starts at generation " + later)
        && e.getMessage().contains("Refusing to start on data dir " + dataDir)
        && e.getMessage().contains("Restore the missing cycle files from a backup"),
        e.getMessage());
  }
}
