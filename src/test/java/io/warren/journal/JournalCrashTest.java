package io.warren.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per crash shape (after BookKeeper's journal tests): kill -9 mid-append, a half-written
 * document, an empty journal, a truncated last record, garbage in the middle, a future version,
 * a second writer, a concurrent reader.
 */
class JournalCrashTest {

  @TempDir Path dataDir;

  @Test
  void writerKilledMidAppendLosesNothingWhole() throws Exception {
    AtomicLong seen = new AtomicLong();
    try (ChildJvm child = ChildJvm.start(ChildWriter.class, "loop", dataDir.toString())) {
      child.awaitLine("READY");
      // a reader in this process follows the child's appends while it writes
      try (JournalReader reader = JournalReader.open(dataDir);
          JournalTailer tail = reader.tail(true)) {
        // polled on this thread: a Chronicle tailer belongs to one thread
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
          while (tail.poll().isPresent()) {
            seen.incrementAndGet();
          }
          return seen.get() >= 50_000;
        });
      }
      child.kill9();
    }
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      OpenReport report = j.openReport();
      assertTrue(report.records() >= seen.get(), report + " vs seen " + seen.get());
      assertTrue(report.tornTails().isEmpty(), "Chronicle never exposes a half-written record");
      j.append(ChildWriter.seq((int) report.records()));
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      int expected = 0;
      for (JournalEntry e : (Iterable<JournalEntry>) s::iterator) {
        assertEquals(ChildWriter.seq(expected), e.record(), "record " + expected + " in order");
        expected++;
      }
      assertTrue(expected > seen.get(), "all whole records plus the one appended after restart");
    }
  }

  @Test
  void halfWrittenDocumentIsInvisibleAndTheNextWriterCarriesOn() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildWriter.class, "torn", dataDir.toString())) {
      child.awaitLine("READY");
      child.kill9();
    }
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      assertEquals(10, j.openReport().records());
      j.append(ChildWriter.seq(10));
      j.append(ChildWriter.seq(11));
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      List<JournalRecord> got = s.map(JournalEntry::record).collect(Collectors.toList());
      assertEquals(12, got.size());
      for (int i = 0; i < 12; i++) {
        assertEquals(ChildWriter.seq(i), got.get(i));
      }
    }
  }

  @Test
  void secondWriterProcessFailsAtOnceNamingThePid() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildWriter.class, "hold", dataDir.toString())) {
      child.awaitLine("READY");
      DataDirLockedException e = assertThrows(DataDirLockedException.class,
          () -> ChronicleJournal.open(dataDir));
      assertEquals("data directory " + dataDir + " is locked by PID " + child.pid(), e.getMessage());
      child.kill9();
    }
    // the kernel released the dead holder's lock
    try (ChronicleJournal j = ChronicleJournal.open(dataDir)) {
      assertEquals(0, j.openReport().records());
    }
  }

  @Test
  void emptyJournal() {
    JournalException none = assertThrows(JournalException.class, () -> JournalReader.open(dataDir));
    assertTrue(none.getMessage().contains("no journal in data directory " + dataDir), none.getMessage());
    try (ChronicleJournal j = ChronicleJournal.open(dataDir)) {
      assertEquals(new OpenReport(0, -1, -1, List.of(), 1), j.openReport());
    }
    try (JournalReader r = JournalReader.open(dataDir)) {
      try (Stream<JournalEntry> s = r.readAll()) {
        assertEquals(0, s.count());
      }
      try (Stream<JournalEntry> s = r.readFromLastCheckpoint()) {
        assertEquals(0, s.count());
      }
      assertEquals(-1, r.lastIndex());
    }
    try (ChronicleJournal j = ChronicleJournal.open(dataDir)) {
      assertEquals(0, j.openReport().records());
    }
  }

  @Test
  void truncatedLastRecordIsCutAndReported() throws Exception {
    writeSeq(100);
    Span last = span(99);
    truncate(last.file, last.start + (last.end - last.start) / 2);

    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      OpenReport report = j.openReport();
      assertEquals(99, report.records());
      assertEquals(1, report.tornTails().size(), report.toString());
      TornTail torn = report.tornTails().get(0);
      assertEquals(last.index, torn.index());
      assertEquals(last.file, torn.file());
      j.append(ChildWriter.seq(99)); // the writer carries on after the last whole record
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      List<JournalRecord> got = s.map(JournalEntry::record).collect(Collectors.toList());
      assertEquals(100, got.size());
      for (int i = 0; i < 100; i++) {
        assertEquals(ChildWriter.seq(i), got.get(i));
      }
      assertEquals(1, r.tornTails().size(), "reported on every read, never silently skipped");
    }
  }

  @Test
  void garbageInTheMiddleRefusesToOpenNamingFileAndIndex() throws Exception {
    writeSeq(100);
    Span mid = span(50);
    try (FileChannel ch = FileChannel.open(mid.file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}), mid.start + 20);
    }
    JournalCorruptException e = assertThrows(JournalCorruptException.class,
        () -> ChronicleJournal.open(dataDir));
    assertEquals(mid.file, e.file());
    assertEquals(mid.index, e.index());
    assertTrue(e.getMessage().contains(mid.file.toString()) && e.getMessage().contains(
        "index " + mid.index), e.getMessage());
    // refusing released the lock: the reader (inspector) refuses the same way
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      assertThrows(JournalCorruptException.class, s::count);
    }
  }

  @Test
  void unknownFutureVersionIsRefused() throws Exception {
    writeSeq(3);
    Path dir = JournalQueues.journalDir(dataDir);
    try (SingleChronicleQueue q = JournalQueues.writer(dir, new GenerationClock(1), SyncMode.NONE);
        ExcerptAppender a = q.createAppender()) {
      try (DocumentContext dc = a.writingDocument()) {
        new RecordCodec().writeWithVersion(ChildWriter.seq(3), dc.wire(), 2);
      }
    }
    UnsupportedRecordVersionException e = assertThrows(UnsupportedRecordVersionException.class,
        () -> ChronicleJournal.open(dataDir));
    assertTrue(e.getMessage().contains("record type Transition has version 2; this warren reads "
        + "versions 1..1"), e.getMessage());
    assertTrue(e.getMessage().contains("index " + JournalIndex.index(1, 3)), e.getMessage());
  }

  @Test
  void readerInAnotherThreadSeesRecordsWhileTheWriterWrites() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open();
        JournalReader reader = JournalReader.open(dataDir)) {
      AtomicLong seen = new AtomicLong();
      Thread follower = new Thread(() -> {
        try (JournalTailer t = reader.tail(true)) {
          while (seen.get() < 5_000 && !Thread.currentThread().isInterrupted()) {
            t.next(Duration.ofMillis(50)).ifPresent(e -> seen.incrementAndGet());
          }
        }
      });
      follower.start();
      for (int i = 0; i < 5_000; i++) {
        j.append(ChildWriter.seq(i));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.get() == 5_000);
      follower.join();
      assertFalse(follower.isAlive());
    }
  }

  // ------------------------------------------------------------------ helpers

  private void writeSeq(int n) {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      for (int i = 0; i < n; i++) {
        j.append(ChildWriter.seq(i));
      }
    }
  }

  private record Span(Path file, long index, long start, long end) {}

  /** Where the {@code n}-th record's bytes are in its cycle file (mapped positions are file offsets). */
  private Span span(int n) {
    Path dir = JournalQueues.journalDir(dataDir);
    try (SingleChronicleQueue q = JournalQueues.reader(dir); ExcerptTailer t = q.createTailer()) {
      for (int i = 0; ; i++) {
        try (DocumentContext dc = t.readingDocument()) {
          if (!dc.isPresent()) {
            throw new IllegalStateException("only " + i + " records");
          }
          if (i == n) {
            long index = dc.index();
            return new Span(JournalIndex.cycleFile(dir, JournalIndex.cycle(index)), index,
                dc.wire().bytes().readPosition(), dc.wire().bytes().readLimit());
          }
        }
      }
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    assertTrue(Files.size(file) > size);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
