package io.warren.testing;

import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import io.warren.statemachine.SpringTaskMachineFactory;
import io.warren.task.DesiredState;
import io.warren.task.TaskSpec;
import io.warren.task.TaskStatus;
import io.warren.task.engine.FailStop;
import io.warren.task.engine.TaskEngine;
import io.warren.task.load.TaskMachineLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real engine (real Spring machines from task.yaml) on virtual time, an in-memory journal and the
 * fake runtime: what unit tests, fixture recording and the replay extension drive.
 */
public final class EngineHarness {
  /** The epoch all harness runs start at: 2026-01-01T00:00:00Z. */
  public static final long START_MILLIS = 1_767_225_600_000L;
  private static volatile SpringTaskMachineFactory factory;

  public final ManualScheduler scheduler;
  public final InMemoryJournal journal;
  public final FakeRuntime runtime;
  public final TaskEngine engine;
  public final List<FailStop> failStops = new ArrayList<>();

  public EngineHarness() {
    this(new InMemoryJournal());
  }

  public EngineHarness(InMemoryJournal journal) {
    this(journal, START_MILLIS);
  }

  public EngineHarness(InMemoryJournal journal, long startMillis) {
    this.scheduler = new ManualScheduler(startMillis);
    this.journal = journal;
    this.runtime = new FakeRuntime(scheduler);
    this.engine = new TaskEngine(machines(), journal, runtime, scheduler, "node-1");
    engine.onFailStop(failStops::add);
  }

  /** Spring's configuration is built once per JVM and shared by every machine. */
  public static SpringTaskMachineFactory machines() {
    SpringTaskMachineFactory f = factory;
    if (f == null) {
      synchronized (EngineHarness.class) {
        if (factory == null) {
          factory = new SpringTaskMachineFactory(TaskMachineLoader.taskMachine());
        }
        f = factory;
      }
    }
    return f;
  }

  public static TaskSpec spec(String taskId) {
    return TaskSpec.of(taskId, "docker.io/library/busybox:1.36", List.of("sleep", "3600"));
  }

  public EngineHarness assign(TaskSpec spec) {
    engine.assign(spec, DesiredState.RUNNING);
    return this;
  }

  public String state(String taskId) {
    TaskStatus s = engine.status(taskId);
    return s == null ? null : s.machineState();
  }

  /** Runs until the task is in {@code state}; fails if the work runs out first. */
  public EngineHarness runUntilState(String taskId, String state) {
    if (!scheduler.runUntil(() -> state.equals(state(taskId)))) {
      throw new AssertionError(taskId + " never reached " + state + "; it is " + state(taskId)
          + "\n" + journalText());
    }
    return this;
  }

  public EngineHarness runFor(Duration d) {
    scheduler.runFor(d);
    return this;
  }

  public EngineHarness runUntilIdle() {
    scheduler.runUntilIdle();
    return this;
  }

  /** Runs until the fake runtime simulates the worker's death; then drops all pending work. */
  public EngineHarness runUntilWorkerDies() {
    try {
      scheduler.runUntilIdle();
    } catch (FakeRuntime.WorkerDeath expected) {
      scheduler.discardAll();
      return this;
    }
    throw new AssertionError("the worker did not die");
  }

  public List<JournalRecord> records() {
    return journal.records();
  }

  public String journalText() {
    return journal.records().stream().map(RecordJson::toLine).collect(Collectors.joining("\n"));
  }
}
