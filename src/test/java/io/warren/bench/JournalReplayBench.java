package io.warren.bench;

import io.warren.journal.Checkpoint;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalReader;
import io.warren.journal.SyncMode;
import io.warren.journal.Transition;
import io.warren.task.TaskSpec;
import io.warren.testing.ScratchDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replay speed: a typed, CRC-verified read of a journal holding a 1,000-task Checkpoint followed
 * by 1,000,000 Transition records. The score is records per second (one operation = one record).
 *
 * <ul>
 *   <li>{@code replayAll}: {@code JournalReader.readAll()}.
 *   <li>{@code replayFromLastCheckpoint}: what a restarting worker does,
 *       {@code readFromLastCheckpoint()}: find the newest Checkpoint (a scan of the record types
 *       of the newest generation, here all 1,000,001 records: the worst case, as the default
 *       policy checkpoints every 10,000) and read from it.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"})
public class JournalReplayBench {

  static final int RECORDS = 1_000_000;
  static final int TASKS = 1_000;

  private Path dataDir;
  private JournalReader reader;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dataDir = Files.createTempDirectory("warren-bench-replay");
    String[] states = {"PULLING", "CREATING", "STARTING", "RUNNING", "STOPPING", "EXITED"};
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      j.append(checkpoint(TASKS));
      for (int i = 0; i < RECORDS; i++) {
        j.append(new Transition(1_700_000_000_000L + i, "task-" + (i % 1000), 1 + i % 3,
            states[i % states.length], states[(i + 1) % states.length], "probe-ok", ""));
      }
    }
    reader = JournalReader.open(dataDir);
  }

  /** A checkpoint of {@code tasks} running tasks, each with a small spec. */
  static Checkpoint checkpoint(int tasks) {
    List<Checkpoint.TaskSnapshot> snaps = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      snaps.add(new Checkpoint.TaskSnapshot("task-" + t, 1, "RUNNING", "running",
          "task-" + t + "-1", 1_700_000_000_000L,
          TaskSpec.of("task-" + t, "busybox:1.36", List.of("sleep", "1000")),
          Map.of("attempt", "1", "effectSeq", "4"), "running"));
    }
    return new Checkpoint(1_700_000_000_000L, "node-bench", snaps);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS + 1)
  public void replayAll(Blackhole bh) {
    consumeAll(reader.readAll(), bh);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS + 1)
  public void replayFromLastCheckpoint(Blackhole bh) {
    consumeAll(reader.readFromLastCheckpoint(), bh);
  }

  private static void consumeAll(Stream<JournalEntry> entries, Blackhole bh) {
    long n = 0;
    try (Stream<JournalEntry> all = entries) {
      for (JournalEntry e : (Iterable<JournalEntry>) all::iterator) {
        bh.consume(e);
        n++;
      }
    }
    if (n != RECORDS + 1) {
      throw new IllegalStateException("replayed " + n + " of " + (RECORDS + 1));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    reader.close();
    ScratchDirs.delete(dataDir);
  }
}
