package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded growth: checkpoints start new generations and old ones are deleted. */
class JournalGrowthTest {

  /** The bound this test proves for 1,000 tasks and a checkpoint every 10,000 records. */
  static final long BOUND_BYTES = 8L << 20;

  @TempDir Path dataDir;

  @Test
  @Tag("slow")
  void millionTransitionsOverThousandTasksStayUnderTheBound() throws Exception {
    int tasks = 1_000;
    AtomicInteger checkpoints = new AtomicInteger();
    long maxAllocated = 0;
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .checkpoints(new CheckpointPolicy(10_000, Duration.ofHours(1))).open()) {
      j.onCheckpointDue(() -> {
        checkpoints.incrementAndGet();
        return TestRecords.checkpointOf(tasks, 42);
      });
      for (int i = 0; i < 1_000_000; i++) {
        j.append(TestRecords.transition(i, tasks));
        if (i % 50_000 == 49_999) {
          maxAllocated = Math.max(maxAllocated, allocatedBytes(j.journalDir()));
        }
      }
    }
    long finalAllocated = allocatedBytes(JournalQueues.journalDir(dataDir));
    System.out.printf("growth: %d checkpoints, max allocated %d bytes, final %d bytes%n",
        checkpoints.get(), maxAllocated, finalAllocated);
    assertEquals(100, checkpoints.get());
    assertTrue(maxAllocated < BOUND_BYTES, "max allocated " + maxAllocated);
    assertTrue(finalAllocated < BOUND_BYTES, "final allocated " + finalAllocated);

    try (JournalReader r = JournalReader.open(dataDir)) {
      assertTrue(r.files().size() <= 3, "files " + r.files());
      try (Stream<JournalEntry> s = r.readFromLastCheckpoint()) {
        List<JournalEntry> tail = s.collect(Collectors.toList());
        assertTrue(tail.get(0).record() instanceof Checkpoint);
        assertEquals(1, tail.size(), "the 100th checkpoint was the last record");
      }
    }
  }

  @Test
  void timeBasedCheckpointsAlsoRollAndDelete() {
    MutableClock clock = new MutableClock();
    AtomicInteger checkpoints = new AtomicInteger();
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).clock(clock)
        .checkpoints(new CheckpointPolicy(1_000_000, Duration.ofSeconds(30))).open()) {
      j.onCheckpointDue(() -> {
        checkpoints.incrementAndGet();
        return TestRecords.checkpointOf(2, clock.millis());
      });
      for (int i = 0; i < 10; i++) {
        j.append(TestRecords.transition(i, 2)); // due from the second append on
        clock.advance(Duration.ofSeconds(31));
      }
      assertEquals(9, checkpoints.get());
    }
    try (JournalReader r = JournalReader.open(dataDir)) {
      // generations 1..10 were written; only the previous and the last checkpoint's survive
      assertEquals(2, r.files().size(), "files " + r.files());
    }
  }

  @Test
  void aReaderOpenedBeforeOldGenerationsWereDeletedStillReadsWhatIsLeft() {
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .checkpoints(new CheckpointPolicy(100, Duration.ofHours(1))).open()) {
      j.onCheckpointDue(() -> TestRecords.checkpointOf(3, 7));
      for (int i = 0; i < 150; i++) {
        j.append(TestRecords.transition(i, 3));
      }
      try (JournalReader r = JournalReader.open(dataDir)) {
        try (Stream<JournalEntry> s = r.readAll()) {
          assertEquals(151, s.count(), "150 transitions + 1 checkpoint");
        }
        for (int i = 150; i < 1_000; i++) { // 9 more checkpoints: generations 1..9 deleted
          j.append(TestRecords.transition(i, 3));
        }
        try (Stream<JournalEntry> s = r.readFromLastCheckpoint()) {
          List<JournalEntry> tail = s.collect(Collectors.toList());
          assertTrue(tail.get(0).record() instanceof Checkpoint);
          assertEquals(1, tail.size());
        }
        try (Stream<JournalEntry> s = r.readAll()) {
          List<JournalEntry> all = s.collect(Collectors.toList());
          assertTrue(all.get(0).record() instanceof Checkpoint, "oldest retained starts at a checkpoint");
          assertEquals(102, all.size(), "previous checkpoint + 100 transitions + last checkpoint");
        }
      }
    }
  }

  /** Allocated (not apparent) bytes under {@code dir}, as {@code du} counts them. */
  static long allocatedBytes(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return Long.parseLong(out.trim().split("\\s+")[0]);
  }

  static final class MutableClock extends java.time.Clock {
    private long millis = 1_700_000_000_000L;

    void advance(Duration d) {
      millis += d.toMillis();
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.ofEpochMilli(millis);
    }
  }
}
