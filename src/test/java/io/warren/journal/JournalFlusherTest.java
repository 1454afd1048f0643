package io.warren.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch} mode: the flusher's msync never holds up an append. */
class JournalFlusherTest {
  @TempDir Path dataDir;

  private static Transition record(int i) {
    return new Transition(1_000L + i, "t" + i, 1, "pulling", "creating", "pulled", "");
  }

  @Test
  void aStalledMsyncDoesNotBlockAppends() throws Exception {
    CountDownLatch inMsync = new CountDownLatch(1);
    CountDownLatch diskBack = new CountDownLatch(1);
    AtomicInteger msyncs = new AtomicInteger();
    AtomicLong syncedTo = new AtomicLong();
    ChronicleJournal.RangeSync stalling = (store, upTo) -> {
      inMsync.countDown();
      try {
        diskBack.await(); // a disk that does not answer
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ChronicleJournal.RangeSync.MSYNC.sync(store, upTo);
      msyncs.incrementAndGet();
      syncedTo.accumulateAndGet(upTo, Math::max);
    };
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.BATCH)
        .batchInterval(Duration.ofMillis(1)).rangeSync(stalling).open()) {
      j.append(record(0));
      assertTrue(inMsync.await(10, java.util.concurrent.TimeUnit.SECONDS), "the flusher msyncs");
      // the flusher now sits in its msync: appends must go on regardless
      try {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
          for (int i = 1; i <= 1_000; i++) {
            j.append(record(i));
          }
        }, "appends waited for the msync");
      } finally {
        diskBack.countDown();
      }
      // and what was appended meanwhile is msynced by the flusher's next round
      await().atMost(Duration.ofSeconds(10)).until(() -> msyncs.get() >= 2);
    }
    try (JournalReader r = JournalReader.open(dataDir)) {
      assertEquals(1_001, r.readAll().count());
    }
  }
}
