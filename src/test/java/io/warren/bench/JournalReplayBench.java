package io.warren.bench;

import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalReader;
import io.warren.journal.SyncMode;
import io.warren.journal.Transition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Replay speed: a typed, CRC-verified read of 1,000,000 Transition records. The score is
 * records per second (one operation = one record).
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

  private Path dataDir;
  private JournalReader reader;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dataDir = Files.createTempDirectory("warren-bench-replay");
    String[] states = {"PULLING", "CREATING", "STARTING", "RUNNING", "STOPPING", "EXITED"};
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      for (int i = 0; i < RECORDS; i++) {
        j.append(new Transition(1_700_000_000_000L + i, "task-" + (i % 1000), 1 + i % 3,
            states[i % states.length], states[(i + 1) % states.length], "probe-ok", ""));
      }
    }
    reader = JournalReader.open(dataDir);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void replayAll(Blackhole bh) {
    long n = 0;
    try (Stream<JournalEntry> all = reader.readAll()) {
      for (JournalEntry e : (Iterable<JournalEntry>) all::iterator) {
        bh.consume(e);
        n++;
      }
    }
    if (n != RECORDS) {
      throw new IllegalStateException("replayed " + n + " of " + RECORDS);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    reader.close();
    JournalAppendBench.deleteTree(dataDir);
  }
}
