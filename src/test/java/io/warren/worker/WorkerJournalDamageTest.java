package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.embedded.EmbeddedManager;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.Finding;
import io.warren.journal.JournalCorruptException;
import io.warren.journal.JournalDamage;
import io.warren.journal.JournalInspector;
import io.warren.journal.JournalReader;
import io.warren.journal.ManagerAck;
import io.warren.journal.SyncMode;
import io.warren.journal.TornTail;
import io.warren.recovery.MissingCheckpointException;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.testing.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal damage as the worker meets it on start-up, one test per shape (docs/guarantees.md, 6):
 * a torn tail is cut and reported and recovery goes on (the running container is reattached);
 * junk in the middle stops start-up naming the file and index; a journal whose covering
 * checkpoint is gone with the older cycles stops start-up naming the data dir and what to do.
 * A refused start touches nothing: the container keeps running with the same PID, and the data
 * dir's lock is released.
 */
class WorkerJournalDamageTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  private EmbeddedManager manager;
  private Worker worker;
  private Map<String, Integer> pids;

  /** A worker runs one task to running, then stops (the container keeps running). */
  @BeforeEach
  void oneRunningTaskThenStop() throws Exception {
    ContainerdExtension.cleanNamespace(containerd.connection());
    String image = containerd.busybox();
    manager = LocalCluster.startManager(dir, "127.0.0.1:0");
    worker = LocalCluster.worker(dir, manager, containerd, false);
    worker.start();
    LocalCluster.createSleeper(manager.address().toString(), "web", image);
    await().atMost(Duration.ofSeconds(60)).until(() -> LocalCluster.running(worker).size() == 1);
    // the manager has acknowledged "running" (journaled): the journal's tail is quiet
    await().atMost(Duration.ofSeconds(30)).until(this::runningAcknowledged);
    pids = LocalCluster.runningPids(containerd.runtime().listOwned());
    assertEquals(1, pids.size());
    worker.close();
    worker = null;
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
    if (manager != null) {
      manager.close();
    }
    ContainerdExtension.cleanNamespace(containerd.connection());
  }

  private boolean runningAcknowledged() {
    try (JournalInspector j = JournalInspector.open(dataDir())) {
      boolean[] acked = {false};
      j.forEach(e -> acked[0] |= e.record() instanceof ManagerAck a
          && a.actualState().equals("running"));
      return acked[0];
    }
  }

  private Path dataDir() {
    return dir.resolve("worker");
  }

  private Worker newWorker() {
    return LocalCluster.worker(dir, manager, containerd, false);
  }

  @Test
  void tornTailIsCutReportedAndRecoveryGoesOn() throws Exception {
    JournalDamage.Span torn = JournalDamage.tearLastRecord(dataDir());

    worker = newWorker();
    worker.start();
    List<TornTail> reported = worker.journalOpenReport().tornTails();
    assertEquals(1, reported.size(), "reported, not silently skipped: " + reported);
    assertEquals(torn.index(), reported.get(0).index());
    assertEquals(torn.file(), reported.get(0).file());
    assertTrue(reported.get(0).toString().contains("torn tail in " + torn.file()),
        reported.get(0).toString());
    assertEquals(1, worker.recoveryReport().reattached(), "the running task is reattached");
    assertEquals(pids, LocalCluster.runningPids(containerd.runtime().listOwned()),
        "same container, same PID");
    // verify keeps pointing at the cut record (it stays in its file), and finds nothing else
    List<Finding> problems = ChildWorker.journalProblems(dir);
    assertTrue(problems.stream().allMatch(p -> p.check().equals("torn-tail")
        && p.index() == torn.index()), problems.toString());
    assertEquals(1, problems.size(), problems.toString());
  }

  @Test
  void corruptionInTheMiddleStopsStartUpNamingFileAndIndex() throws Exception {
    JournalDamage.Span hit = JournalDamage.corrupt(dataDir(), s -> s.type().equals("TaskAssigned"));

    Worker refused = newWorker();
    try {
      JournalCorruptException e = assertThrows(JournalCorruptException.class, refused::start);
      assertEquals(hit.file(), e.file());
      assertEquals(hit.index(), e.index());
      assertTrue(e.getMessage().contains(hit.file().toString())
          && e.getMessage().contains("index " + hit.index()), e.getMessage());
    } finally {
      refused.close();
    }
    assertUntouched();
  }

  @Test
  void missingCoveringCheckpointStopsStartUpNamingTheDataDir() throws Exception {
    // A later generation without a checkpoint of its own (what a start that died before its
    // checkpoint leaves), then every cycle before it lost: the checkpoint that covered the task's
    // history is gone with it.
    int later;
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir()).sync(SyncMode.NONE).open()) {
      later = j.openReport().generation();
      j.append(new ManagerAck(System.currentTimeMillis(), "web-x", "running", ""));
    }
    assertTrue(!JournalDamage.deleteCyclesBefore(dataDir(), later).isEmpty());

    Worker refused = newWorker();
    try {
      MissingCheckpointException e = assertThrows(MissingCheckpointException.class, refused::start);
      assertEquals(later, e.firstGeneration());
      assertTrue(e.getMessage().contains("Refusing to start on data dir " + dataDir())
          && e.getMessage().contains("no checkpoint") && e.getMessage().contains("backup"),
          e.getMessage());
    } finally {
      refused.close();
    }
    assertUntouched();
  }

  /** A refused start reaped nothing, restarted nothing, and let go of the data dir. */
  private void assertUntouched() throws Exception {
    ContainerdRuntime rt = containerd.runtime();
    assertEquals(pids, LocalCluster.runningPids(rt.listOwned()), "the container runs on");
    try (ChronicleJournal again = ChronicleJournal.builder(dataDir()).sync(SyncMode.NONE)
        .open()) {
      assertTrue(again.openReport().records() >= 0, "the lock was released");
    } catch (JournalCorruptException expected) {
      // the damage is still there; what matters is that the lock did not refuse first
    }
    try (JournalReader r = JournalReader.open(dataDir())) {
      assertTrue(r.lastIndex() >= 0);
    }
  }
}
