package io.warren.bench;

import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import io.warren.journal.Transition;
import io.warren.task.DesiredState;
import io.warren.task.engine.TaskEngine;
import io.warren.task.engine.TaskMachine;
import io.warren.task.machine.TaskVars;
import io.warren.testing.EngineHarness;
import io.warren.testing.FakeRuntime;
import io.warren.testing.ManualScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measured main (test scope) for docs/benchmarks-engine.md: retained heap per task with its
 * machine, and transitions per second on one thread with an in-memory journal. Run with:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt) io.warren.bench.EngineBenchmark
 * </pre>
 */
public final class EngineBenchmark {
  private static final ThreadMXBean TMX = ManagementFactory.getThreadMXBean();

  /** Counts records and keeps none: the journal's own memory is not the engine's. */
  static final class CountingJournal implements JournalWriter {
    long records;
    long transitions;

    @Override
    public long append(JournalRecord record) {
      if (record instanceof Transition) {
        transitions++;
      }
      return records++;
    }
  }

  public static void main(String[] args) {
    EngineHarness.machines(); // Spring configuration built once, shared by all machines
    warmUp();
    for (int n : new int[] {1_000, 10_000}) {
      retainedHeap(n);
    }
    machineThroughput(1_000, 200_000);
    engineThroughput(5_000);
  }

  private static void warmUp() {
    engineRun(2_000, new CountingJournal());
    fireCycles(200, 20_000, new CountingJournal());
  }

  /** N tasks, each driven through the engine to running (container started, watch pending). */
  private static void retainedHeap(int n) {
    long before = usedAfterGc();
    CountingJournal journal = new CountingJournal();
    Object keep = engineRunToRunning(n, journal);
    long after = usedAfterGc();
    double perTask = (after - before) / (double) n;
    System.out.printf("heap: %,d running tasks retain %,d bytes = %.1f KB per task "
        + "(engine, runner, Spring machine, status/snapshot views, fake runtime's container)%n",
        n, after - before, perTask / 1024);
    // machines alone
    before = usedAfterGc();
    TaskMachine[] ms = new TaskMachine[n];
    for (int i = 0; i < n; i++) {
      ms[i] = EngineHarness.machines().create("m" + i, new TaskVars(), "assigned", t -> { });
      ms[i].fire("run", 0, "");
    }
    after = usedAfterGc();
    System.out.printf("heap: %,d bare task machines retain %.1f KB each%n", n,
        (after - before) / (double) n / 1024);
    if (keep.hashCode() == 42 && ms.length == 0) {
      System.out.println();
    }
  }

  private static Object engineRunToRunning(int n, JournalWriter journal) {
    ManualScheduler s = new ManualScheduler(EngineHarness.START_MILLIS);
    FakeRuntime rt = new FakeRuntime(s);
    TaskEngine e = new TaskEngine(EngineHarness.machines(), journal, rt, s, "node-1");
    for (int i = 0; i < n; i++) {
      e.assign(EngineHarness.spec("task-" + i), DesiredState.RUNNING);
    }
    s.runUntilIdle();
    return e;
  }

  /** Raw machine transitions: healthy/unhealthy flips on M machines, journaled to a counter. */
  private static void machineThroughput(int machines, int events) {
    CountingJournal j = new CountingJournal();
    long cpu0 = TMX.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    fireCycles(machines, events, j);
    long cpu = TMX.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    System.out.printf("machine: %,d transitions over %,d machines: %,.0f/s per CPU-second "
        + "(%,.0f/s wall)%n", j.transitions, machines, j.transitions / (cpu / 1e9),
        j.transitions / (wall / 1e9));
  }

  private static void fireCycles(int machines, int events, JournalWriter j) {
    TaskMachine[] ms = new TaskMachine[machines];
    for (int i = 0; i < machines; i++) {
      ms[i] = EngineHarness.machines().create("m" + i, new TaskVars(), "running", j::append);
    }
    for (int k = 0; k < events; k++) {
      ms[k % machines].fire((k / machines) % 2 == 0 ? "health-bad" : "health-ok", k, "");
    }
  }

  /** The whole engine: assign → running → shutdown → removed, every effect against the fake. */
  private static void engineThroughput(int tasks) {
    CountingJournal j = new CountingJournal();
    long cpu0 = TMX.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    engineRun(tasks, j);
    long cpu = TMX.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    System.out.printf("engine: %,d tasks start to removal: %,d transitions, %,d records; "
        + "%,.0f transitions/s per CPU-second (%,.0f/s wall), %,.0f records/s per CPU-second%n",
        tasks, j.transitions, j.records, j.transitions / (cpu / 1e9), j.transitions / (wall / 1e9),
        j.records / (cpu / 1e9));
  }

  private static void engineRun(int tasks, JournalWriter journal) {
    ManualScheduler s = new ManualScheduler(EngineHarness.START_MILLIS);
    FakeRuntime rt = new FakeRuntime(s);
    TaskEngine e = new TaskEngine(EngineHarness.machines(), journal, rt, s, "node-1");
    for (int i = 0; i < tasks; i++) {
      e.assign(EngineHarness.spec("task-" + i), DesiredState.RUNNING);
    }
    s.runUntilIdle();
    for (int i = 0; i < tasks; i++) {
      e.setDesired("task-" + i, DesiredState.SHUTDOWN);
    }
    s.runUntilIdle();
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
