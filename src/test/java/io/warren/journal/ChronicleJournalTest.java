package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleJournalTest {

  @TempDir Path dataDir;

  @Test
  void everyRecordTypeRoundTripsFieldByField() {
    List<JournalRecord> written = TestRecords.oneOfEach();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      long last = -1;
      for (JournalRecord r : written) {
        long idx = j.append(r);
        assertTrue(idx > last, "indexes grow");
        last = idx;
      }
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      assertEquals(written, s.map(JournalEntry::record).collect(Collectors.toList()));
      assertTrue(r.tornTails().isEmpty());
    }
  }

  @Test
  void reopenContinuesInANewGenerationWithoutLosingRecords() {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.ALWAYS).open()) {
      assertEquals(1, j.openReport().generation());
      j.append(TestRecords.transition(0, 3));
    }
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.BATCH).open()) {
      assertEquals(1, j.openReport().records());
      assertEquals(2, j.openReport().generation());
      j.append(TestRecords.transition(1, 3));
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      List<JournalEntry> all = s.collect(Collectors.toList());
      assertEquals(List.of(TestRecords.transition(0, 3), TestRecords.transition(1, 3)),
          all.stream().map(JournalEntry::record).collect(Collectors.toList()));
      assertEquals(List.of(1, 2), all.stream().map(JournalEntry::generation).collect(Collectors.toList()));
    }
  }

  @Test
  void secondWriterInTheSameJvmIsRefusedNamingThePid() {
    try (ChronicleJournal j = ChronicleJournal.open(dataDir)) {
      DataDirLockedException e = assertThrows(DataDirLockedException.class,
          () -> ChronicleJournal.open(dataDir));
      String pid = Long.toString(ProcessHandle.current().pid());
      assertEquals("data directory " + dataDir + " is locked by PID " + pid, e.getMessage());
    }
    // released on close: a new writer gets in
    try (ChronicleJournal j = ChronicleJournal.open(dataDir)) {
      assertEquals(0, j.openReport().records());
    }
  }

  @Test
  void readFromLastCheckpointStartsAtTheNewestCheckpoint() {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      j.append(TestRecords.transition(0, 2));
      j.append(TestRecords.checkpointOf(2, 10));
      j.append(TestRecords.transition(1, 2));
      j.append(TestRecords.checkpointOf(2, 20));
      j.append(TestRecords.transition(2, 2));
    }
    try (JournalReader r = JournalReader.open(dataDir);
        Stream<JournalEntry> s = r.readFromLastCheckpoint()) {
      List<JournalRecord> got = s.map(JournalEntry::record).collect(Collectors.toList());
      assertEquals(List.of(TestRecords.checkpointOf(2, 20), TestRecords.transition(2, 2)), got);
    }
  }

  /**
   * The open hands replay what a restart needs as it reads: from the newest checkpoint that opens
   * a generation (the records before it are verified, not replayed), with a restart before every
   * checkpoint, so the sink ends with the last checkpoint and what follows it.
   */
  @Test
  void replayIntoStartsAtTheNewestCheckpointThatOpensAGeneration() {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      j.append(TestRecords.transition(0, 2));
      j.append(TestRecords.checkpointOf(2, 10)); // an owner-written one, same generation
      j.append(TestRecords.transition(1, 2));
      j.onCheckpointDue(() -> TestRecords.checkpointOf(2, 20));
      j.checkpointNow(); // a new generation
      j.append(TestRecords.transition(2, 2));
    }
    List<String> seen = new java.util.ArrayList<>();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .replayInto(recorder(seen)).open()) {
      assertEquals(5, j.openReport().records(), "every record verified: " + seen);
    }
    String t2 = "Transition@" + TestRecords.transition(2, 2).timeMillis();
    String c20 = "Checkpoint@" + TestRecords.checkpointOf(2, 20).timeMillis();
    assertEquals(List.of("restart", c20, t2), seen);
  }

  @Test
  void replayIntoRestartsBeforeEveryCheckpointItPasses() {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      j.append(TestRecords.transition(0, 2));
      j.append(TestRecords.checkpointOf(2, 10)); // owner-written: no generation opens with one
      j.append(TestRecords.transition(1, 2));
      j.append(TestRecords.checkpointOf(2, 20));
      j.append(TestRecords.transition(2, 2));
    }
    List<String> seen = new java.util.ArrayList<>();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .replayInto(recorder(seen)).open()) {
      assertEquals(5, j.openReport().records(), seen.toString());
    }
    String t0 = "Transition@" + TestRecords.transition(0, 2).timeMillis();
    String t1 = "Transition@" + TestRecords.transition(1, 2).timeMillis();
    String t2 = "Transition@" + TestRecords.transition(2, 2).timeMillis();
    String c10 = "Checkpoint@" + TestRecords.checkpointOf(2, 10).timeMillis();
    String c20 = "Checkpoint@" + TestRecords.checkpointOf(2, 20).timeMillis();
    assertEquals(List.of(t0, "restart", c10, t1, "restart", c20, t2), seen);
  }

  /** A sink that writes down what it is told. */
  static ReplaySink recorder(List<String> seen) {
    return new ReplaySink() {
      @Override
      public void restart() {
        seen.add("restart");
      }

      @Override
      public void accept(JournalRecord record) {
        seen.add(record.type() + "@" + record.timeMillis());
      }
    };
  }

  @Test
  void concurrentAppendersInBatchModeLoseNothing() throws Exception {
    int threads = 4;
    int each = 5_000;
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.BATCH).open()) {
      List<Thread> ts = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          for (int i = 0; i < each; i++) {
            j.append(new Transition(i, "task-" + id, i, "A", "B", "e", ""));
          }
        });
        ts.add(th);
        th.start();
      }
      for (Thread th : ts) {
        th.join();
      }
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      java.util.Map<String, List<Integer>> byTask = s.map(e -> (Transition) e.record())
          .collect(Collectors.groupingBy(Transition::taskId,
              Collectors.mapping(Transition::attempt, Collectors.toList())));
      assertEquals(threads, byTask.size());
      for (List<Integer> seq : byTask.values()) {
        assertEquals(java.util.stream.IntStream.range(0, each).boxed().collect(Collectors.toList()),
            seq, "each thread's records complete and in its order");
      }
    }
  }

  @Test
  void checkpointSupplierMayNotAppendAndOldGenerationsGo() {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .checkpoints(new CheckpointPolicy(2, java.time.Duration.ofHours(1))).open()) {
      j.onCheckpointDue(() -> {
        j.append(TestRecords.transition(99, 1));
        return TestRecords.checkpointOf(1, 1);
      });
      j.append(TestRecords.transition(0, 1));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> j.append(TestRecords.transition(1, 1)));
      assertEquals("the checkpoint supplier must not append to the journal", e.getMessage());
    }
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .checkpoints(new CheckpointPolicy(2, java.time.Duration.ofHours(1))).open()) {
      j.onCheckpointDue(() -> TestRecords.checkpointOf(1, 1));
      for (int i = 0; i < 6; i++) {
        j.append(TestRecords.transition(i, 1));
      }
      // generations: 1 (first session), 2 (this session), 3, 4, 5 (checkpoints after 2, 4, 6)
      assertEquals(5, j.openReport().generation() + 3);
    }
    try (JournalReader r = JournalReader.open(dataDir)) {
      assertEquals(List.of(JournalIndex.cycleFile(r.journalDir(), 4),
          JournalIndex.cycleFile(r.journalDir(), 5)), r.files(),
          "only the previous and the last checkpoint's generations remain");
    }
  }

  /**
   * The page toucher writes into pages ahead of the appender (a 0-to-0 swap); across checkpoint
   * generations every record still reads back intact.
   */
  @Test
  void pagesAreTouchedAheadOfTheWriterAndEveryRecordReadsBackIntact() {
    int n = 60_000; // ~9 MB of records over three generations
    java.util.List<JournalRecord> written = new java.util.ArrayList<>(n);
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .checkpoints(new CheckpointPolicy(25_000, java.time.Duration.ofHours(1))).open()) {
      j.onCheckpointDue(() -> TestRecords.checkpointOf(1, 1));
      for (int i = 0; i < n; i++) {
        JournalRecord r = new Transition(i, "task-" + i, 1, "NEW", "PULLING", "assign",
            "x".repeat(i % 200));
        j.append(r);
        written.add(r);
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> j.pagesTouchedAhead() > 1_000);
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      List<JournalRecord> read = s.map(JournalEntry::record)
          .filter(rec -> rec instanceof Transition).collect(Collectors.toList());
      assertEquals(written.subList(written.size() - read.size(), written.size()), read,
          "the retained generations read back record for record");
      assertTrue(read.size() >= 25_000, "read " + read.size());
      assertTrue(r.tornTails().isEmpty());
    }
  }

  /**
   * The daemon's preload initialises Chronicle by class name: every name must still exist (a
   * rename in a Chronicle upgrade would silently move that work back into recovery), and the
   * codec's in-memory round trip must pass.
   */
  @Test
  void theLibraryInitialisationFindsEveryNamedClass() {
    assertEquals(JournalQueues.COSTLY_TO_INITIALISE.length, ChronicleJournal.initialiseLibrary());
  }

  /** onLocked runs once the lock is held, before the journal is read; never when refused. */
  @Test
  void onLockedRunsUnderTheLockAndNotWhenTheLockIsRefused() {
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .onLocked(() -> {
          ran.incrementAndGet();
          // held now: a second writer is refused
          assertThrows(DataDirLockedException.class, () -> DataDirLock.acquire(dataDir).close());
        }).open()) {
      assertEquals(1, ran.get());
      assertThrows(DataDirLockedException.class, () -> ChronicleJournal.builder(dataDir)
          .onLocked(ran::incrementAndGet).open());
      assertEquals(1, ran.get(), "onLocked ran although the lock was refused");
    }
  }
}
