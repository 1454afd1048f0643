package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open's two-part scan ({@link OpenScan}): the generations a checkpoint covers are verified on
 * a thread of their own and never replayed, yet every damage rule holds there as in the replayed
 * part.
 */
class OpenScanTest {

  @TempDir Path dataDir;

  /**
   * Generation 2: checkpoint A, seq 50..79; generation 3: seq 80..99; generation 4: checkpoint B,
   * seq 100..119. (Generation 1, seq 0..49, is dropped behind checkpoint B, as the writer does.)
   */
  @BeforeEach
  void threeGenerations() {
    try (ChronicleJournal j = writer()) {
      for (int i = 0; i < 50; i++) {
        j.append(ChildWriter.seq(i));
      }
      j.onCheckpointDue(() -> TestRecords.checkpointOf(3, 1));
      j.checkpointNow();
      for (int i = 50; i < 80; i++) {
        j.append(ChildWriter.seq(i));
      }
    }
    try (ChronicleJournal j = writer()) {
      for (int i = 80; i < 100; i++) {
        j.append(ChildWriter.seq(i));
      }
      j.onCheckpointDue(() -> TestRecords.checkpointOf(3, 2));
      j.checkpointNow();
      for (int i = 100; i < 120; i++) {
        j.append(ChildWriter.seq(i));
      }
    }
  }

  @Test
  void replayReadsTheLastCheckpointOnwardAndTheCoveredGenerationsAreVerified() {
    List<String> seen = new ArrayList<>();
    try (ChronicleJournal j = opener().replayInto(ChronicleJournalTest.recorder(seen)).open()) {
      OpenReport report = j.openReport();
      assertEquals(1 + 30 + 20 + 1 + 20, report.records(), "every retained record verified");
      assertEquals(index(4, 0), report.lastCheckpointIndex());
      assertEquals(index(4, 20), report.lastIndex());
      assertTrue(report.tornTails().isEmpty(), report.toString());
    }
    List<String> expected = new ArrayList<>();
    expected.add("restart");
    expected.add("Checkpoint@2");
    for (int i = 100; i < 120; i++) {
      expected.add("Transition@" + ChildWriter.seq(i).timeMillis());
    }
    assertEquals(expected, seen);
  }

  @Test
  void corruptionInACoveredGenerationRefusesTheOpenNamingFileAndIndex() {
    JournalDamage.Span hit = JournalDamage.corrupt(dataDir, s -> s.index() == index(2, 10));
    JournalCorruptException e = assertThrows(JournalCorruptException.class,
        () -> opener().replayInto(ChronicleJournalTest.recorder(new ArrayList<>())).open());
    assertEquals(hit.file(), e.file());
    assertEquals(hit.index(), e.index());
    // refusing released the lock
    try (ChronicleJournal j = writer()) {
      throw new AssertionError("opened a corrupt journal: " + j.openReport());
    } catch (JournalCorruptException again) {
      assertEquals(hit.index(), again.index());
    }
  }

  @Test
  void damageInBothPartsReportsTheEarlierRecord() {
    JournalDamage.Span early = JournalDamage.corrupt(dataDir, s -> s.index() == index(3, 5));
    JournalDamage.corrupt(dataDir, s -> s.index() == index(4, 5));
    JournalCorruptException e = assertThrows(JournalCorruptException.class,
        () -> opener().replayInto(ChronicleJournalTest.recorder(new ArrayList<>())).open());
    assertEquals(early.index(), e.index());
  }

  @Test
  void tornEndOfACoveredGenerationIsCutAndReported() {
    // the last record of generation 3: a later generation follows, so it is a torn tail
    JournalDamage.Span torn = JournalDamage.corrupt(dataDir, s -> s.index() == index(3, 19));
    List<String> seen = new ArrayList<>();
    try (ChronicleJournal j = opener().replayInto(ChronicleJournalTest.recorder(seen)).open()) {
      OpenReport report = j.openReport();
      assertEquals(1, report.tornTails().size(), report.toString());
      assertEquals(torn.index(), report.tornTails().get(0).index());
      assertEquals(torn.file(), report.tornTails().get(0).file());
      assertEquals(71, report.records());
    }
    assertEquals(22, seen.size(), "replay unaffected: " + seen);
  }

  @Test
  void aDamagedCheckpointIsNotWhereReplayStarts() {
    // checkpoint B torn: the sink must then get checkpoint A and everything after it
    JournalDamage.corrupt(dataDir, s -> s.index() == index(4, 0));
    List<String> seen = new ArrayList<>();
    JournalCorruptException e = assertThrows(JournalCorruptException.class,
        () -> opener().replayInto(ChronicleJournalTest.recorder(seen)).open(),
        "records follow the damaged checkpoint in its generation: corruption");
    assertEquals(index(4, 0), e.index());
  }

  @Test
  void aTornOpeningCheckpointMovesReplayToTheCheckpointBefore() throws Exception {
    // a generation holding only a torn checkpoint (the writer died writing it)
    try (SingleChronicleQueue q = JournalQueues.writer(JournalQueues.journalDir(dataDir),
            new GenerationClock(6), SyncMode.NONE);
        ExcerptAppender a = q.createAppender()) {
      try (DocumentContext dc = a.writingDocument()) {
        new RecordCodec().write(TestRecords.checkpointOf(3, 3), dc.wire());
      }
    }
    JournalDamage.corrupt(dataDir, s -> s.index() == index(6, 0));
    List<String> seen = new ArrayList<>();
    try (ChronicleJournal j = opener().replayInto(ChronicleJournalTest.recorder(seen)).open()) {
      assertEquals(1, j.openReport().tornTails().size());
      assertEquals(index(4, 0), j.openReport().lastCheckpointIndex());
    }
    assertEquals(List.of("restart", "Checkpoint@2"), seen.subList(0, 2));
    assertEquals(22, seen.size(), seen.toString());
  }

  @Test
  void futureVersionInACoveredGenerationIsRefused() {
    // generation 5 holds a v2 record, generation 6 opens with a checkpoint after it
    Path dir = JournalQueues.journalDir(dataDir);
    try (SingleChronicleQueue q = JournalQueues.writer(dir, new GenerationClock(5), SyncMode.NONE);
        ExcerptAppender a = q.createAppender()) {
      try (DocumentContext dc = a.writingDocument()) {
        new RecordCodec().writeWithVersion(ChildWriter.seq(200), dc.wire(), 2);
      }
    }
    try (SingleChronicleQueue q = JournalQueues.writer(dir, new GenerationClock(6), SyncMode.NONE);
        ExcerptAppender a = q.createAppender()) {
      try (DocumentContext dc = a.writingDocument()) {
        new RecordCodec().write(TestRecords.checkpointOf(3, 3), dc.wire());
      }
    }
    UnsupportedRecordVersionException e = assertThrows(UnsupportedRecordVersionException.class,
        () -> opener().replayInto(ChronicleJournalTest.recorder(new ArrayList<>())).open());
    assertTrue(e.getMessage().contains("index " + index(5, 0)), e.getMessage());
  }

  /**
   * The replayed part is copied off the queue in batches by a reading thread: a replay of many
   * batches, with a record larger than a batch, reaches the sink whole and in order.
   */
  @Test
  void aLongReplayWithARecordLargerThanABatchArrivesWholeAndInOrder() {
    Path dir = dataDir.resolve("long");
    Checkpoint big = TestRecords.checkpointOf(400, 5);
    try (ChronicleJournal j = ChronicleJournal.builder(dir).sync(SyncMode.NONE).open()) {
      for (int i = 0; i < 3_000; i++) {
        j.append(ChildWriter.seq(i));
      }
      j.append(big); // owner-written, mid-generation: everything is replayed
      for (int i = 3_000; i < 3_100; i++) {
        j.append(ChildWriter.seq(i));
      }
    }
    JournalDamage.Span bigSpan = JournalDamage.spans(dir).stream()
        .filter(x -> x.type().equals("Checkpoint")).findFirst().orElseThrow();
    assertTrue(bigSpan.end() - bigSpan.start() > 64 * 1024, "larger than a batch: " + bigSpan);
    List<JournalRecord> got = new ArrayList<>();
    int[] restarts = {0};
    ReplaySink sink = new ReplaySink() {
      @Override
      public void restart() {
        restarts[0]++;
      }

      @Override
      public void accept(JournalRecord record) {
        got.add(record);
      }
    };
    try (ChronicleJournal j = ChronicleJournal.builder(dir).sync(SyncMode.NONE).replayInto(sink)
        .open()) {
      assertEquals(3_101, j.openReport().records());
    }
    assertEquals(1, restarts[0]);
    assertEquals(3_101, got.size());
    for (int i = 0; i < 3_000; i++) {
      assertEquals(ChildWriter.seq(i), got.get(i), "record " + i);
    }
    assertEquals(big, got.get(3_000));
    assertEquals(ChildWriter.seq(3_099), got.get(3_100));
  }

  /** A sink that fails ends the open with its failure; the reading thread ends and the lock is free. */
  @Test
  void aFailingSinkFailsTheOpenAndLeavesNoReaderBehind() {
    RuntimeException boom = new IllegalStateException("fold failed");
    ReplaySink failing = new ReplaySink() {
      @Override
      public void restart() {
      }

      @Override
      public void accept(JournalRecord record) {
        throw boom;
      }
    };
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> opener().replayInto(failing).open());
    assertEquals(boom, e);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("journal-read") && t.isAlive()));
    try (ChronicleJournal j = writer()) {
      assertEquals(72, j.openReport().records());
    }
  }

  private ChronicleJournal writer() {
    return opener().open();
  }

  private ChronicleJournal.Builder opener() {
    return ChronicleJournal.builder(dataDir).sync(SyncMode.NONE);
  }

  private static long index(int generation, long record) {
    return JournalIndex.index(generation, record);
  }
}
