package io.warren.bench;

import io.warren.journal.Checkpoint;
import io.warren.journal.CheckpointPolicy;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.SyncMode;
import io.warren.journal.Transition;
import io.warren.testing.ScratchDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency of one {@code append(Transition)} per sync mode (SampleTime: p50/p99 per op). The
 * journal checkpoints every 100,000 records (10 tasks) so the disk stays bounded during long
 * runs, as in production; that cost is in the distribution's far tail.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
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
public class JournalAppendBench {

  @Param({"none", "batch", "always"})
  String sync;

  /** Records between checkpoints (each one starts a new cycle file, see FORMAT.md). */
  @Param({"100000"})
  long checkpointEvery;

  private Path dataDir;
  private ChronicleJournal journal;
  private Transition[] records;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dataDir = Files.createTempDirectory("warren-bench-append");
    journal = ChronicleJournal.builder(dataDir).sync(SyncMode.parse(sync))
        .checkpoints(new CheckpointPolicy(checkpointEvery, Duration.ofHours(1))).open();
    journal.onCheckpointDue(JournalAppendBench::smallCheckpoint);
    records = new Transition[1024];
    String[] states = {"PULLING", "CREATING", "STARTING", "RUNNING", "STOPPING", "EXITED"};
    for (int i = 0; i < records.length; i++) {
      records[i] = new Transition(1_700_000_000_000L + i, "task-" + (i % 1000), 1 + i % 3,
          states[i % states.length], states[(i + 1) % states.length], "probe-ok", "");
    }
  }

  @Benchmark
  public long appendTransition() {
    return journal.append(records[next++ & 1023]);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    journal.close();
    ScratchDirs.delete(dataDir);
  }

  static Checkpoint smallCheckpoint() {
    List<Checkpoint.TaskSnapshot> tasks = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      tasks.add(new Checkpoint.TaskSnapshot("task-" + t, 1, "RUNNING", "running", "c-" + t, 0,
          null, Map.of(), ""));
    }
    return new Checkpoint(System.currentTimeMillis(), "bench", tasks);
  }
}
