package io.warren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.ChronicleJournal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerDataDirTest {
  @TempDir
  Path dir;

  @Test
  void aWorkerDataDirIsItselfAndAnUpRootIsItsWorkerSubdirectory() {
    Path worker = dir.resolve("up").resolve("worker");
    ChronicleJournal.open(worker).close();
    assertEquals(worker, WorkerDataDir.resolve(worker));
    assertEquals(worker, WorkerDataDir.resolve(dir.resolve("up")));
  }

  @Test
  void aDirectoryWithoutJournalIsAClearErrorNamingBothPlaces() {
    UserError e = assertThrows(UserError.class, () -> WorkerDataDir.resolve(dir));
    assertTrue(e.getMessage().startsWith("--data-dir: no worker journal in " + dir + " nor in "
        + dir.resolve("worker")), e.getMessage());
  }
}
