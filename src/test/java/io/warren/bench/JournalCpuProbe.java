package io.warren.bench;

import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalReader;
import io.warren.journal.SyncMode;
import io.warren.journal.Transition;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A companion to the JMH benchmarks for a shared, overloaded machine: it reports CPU time per
 * operation of the measuring thread (which other processes' load barely changes) next to wall
 * time percentiles. Run: see docs/benchmarks-journal.md.
 */
public final class JournalCpuProbe {
  private JournalCpuProbe() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Path dir = Files.createTempDirectory("warren-probe");
    String[] states = {"PULLING", "CREATING", "STARTING", "RUNNING", "STOPPING", "EXITED"};
    Transition[] recs = new Transition[1024];
    for (int i = 0; i < recs.length; i++) {
      recs[i] = new Transition(1_700_000_000_000L + i, "task-" + (i % 1000), 1 + i % 3,
          states[i % states.length], states[(i + 1) % states.length], "probe-ok", "");
    }
    try (ChronicleJournal j = ChronicleJournal.builder(dir).sync(SyncMode.NONE).open()) {
      j.append(JournalReplayBench.checkpoint(JournalReplayBench.TASKS)); // replay starts here
      for (int i = 0; i < 200_000; i++) { // warm-up
        j.append(recs[i & 1023]);
      }
      long[] lat = new long[n];
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        j.append(recs[i & 1023]);
        lat[i] = System.nanoTime() - t;
      }
      long wall = System.nanoTime() - wall0;
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      Arrays.sort(lat);
      System.out.printf("append none: n=%d cpu/op %.3f us, wall/op %.3f us, p50 %.3f us, "
          + "p99 %.3f us, p99.9 %.3f us%n", n, cpu / 1e3 / n, wall / 1e3 / n, lat[n / 2] / 1e3,
          lat[(int) (n * 0.99)] / 1e3, lat[(int) (n * 0.999)] / 1e3);
    }
    for (int round = 0; round < 3; round++) {
      replay("replay round " + round + " (readAll)", dir, JournalReader::readAll);
    }
    for (int round = 0; round < 3; round++) {
      replay("replay round " + round + " (readFromLastCheckpoint)", dir,
          JournalReader::readFromLastCheckpoint);
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Times one typed, verified read: the checkpoint scan (if any) plus decoding every record. */
  private static void replay(String label, Path dir,
      Function<JournalReader, Stream<JournalEntry>> read) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (JournalReader r = JournalReader.open(dir)) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      long count;
      try (Stream<JournalEntry> s = read.apply(r)) {
        count = s.count();
      }
      long wall = System.nanoTime() - wall0;
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      System.out.printf("%s: %d records, %.0f records/cpu-s, %.0f records/s wall%n", label, count,
          count * 1e9 / cpu, count * 1e9 / wall);
    }
  }
}
