package io.warren.bench;

import io.warren.journal.CheckpointPolicy;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import io.warren.journal.SyncMode;
import io.warren.recovery.StartupReplay;
import io.warren.task.DesiredState;
import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import io.warren.task.engine.CheckpointSource;
import io.warren.task.engine.TaskEngine;
import io.warren.task.load.TaskMachineLoader;
import io.warren.testing.EngineHarness;
import io.warren.testing.FakeRuntime;
import io.warren.testing.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Grows a stopped worker's journal the way a long-lived node's grows: past tasks that crash-loop
 * under an on-failure policy until they give up, driven through the real engine (Spring machines,
 * task runner, effects) against the fake runtime on virtual time, appended to the worker's real
 * Chronicle journal.
 *
 * <p>The engine is first restored from that journal exactly as the worker restores it (last
 * checkpoint + records after), so its checkpoints, when the policy asks for them, cover the
 * worker's live tasks as well as the past ones: the journal stays one consistent history. The
 * restored live tasks are not resumed, so nothing is appended for them.
 */
final class HistoryFill {
  /** Restarts per past task: 25 attempts, about 390 records per task. */
  private static final int MAX_RESTARTS = 24;
  private static final int WAVE = 20;
  private static int nextTask;

  record Result(long records, int tasks, int checkpoints, long millis) {}

  private HistoryFill() {}

  /**
   * Appends about {@code records} records (a little more: whole waves of tasks) to the journal
   * in {@code dataDir}, whose writer must be stopped.
   *
   * @param checkpoints the default checkpoint policy when true; none at all when false
   */
  static Result append(Path dataDir, long records, boolean checkpoints) {
    long t0 = System.nanoTime();
    CheckpointPolicy policy = checkpoints ? CheckpointPolicy.DEFAULT
        : new CheckpointPolicy(Long.MAX_VALUE, Duration.ofDays(36_500));
    try (ChronicleJournal journal = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE)
        .checkpoints(policy).open()) {
      // restored exactly as the worker restores it: the replay folded, the checkpoint source
      // continuing the fold, the engine restored from a copy
      StartupReplay replay = StartupReplay.read(dataDir);
      replay.initialState(TaskMachineLoader.taskMachine().initial());
      Counting counting = new Counting(journal);
      CheckpointSource source = new CheckpointSource(counting, replay.checkpointFold(), "node-1");
      journal.onCheckpointDue(source::snapshot);

      ManualScheduler scheduler = new ManualScheduler(System.currentTimeMillis());
      FakeRuntime runtime = new FakeRuntime(scheduler);
      runtime.exitAllAfter(Duration.ofSeconds(2), 1);
      TaskEngine engine = new TaskEngine(EngineHarness.machines(), source, runtime, scheduler,
          "node-1");
      engine.restore(replay.engineFold());

      int tasks = 0;
      while (counting.records < records) {
        // about 390 records per task: small waves near the end, so the total stops close to
        // the target (and before a policy checkpoint the caller wants to stay short of)
        long wave = Math.min(WAVE, (records - counting.records) / 400 + 1);
        for (int i = 0; i < wave; i++) {
          engine.assign(pastTask("past-" + (nextTask++)), DesiredState.RUNNING);
          tasks++;
        }
        scheduler.runUntilIdle();
      }
      return new Result(counting.records, tasks,
          checkpoints ? (int) (counting.records / policy.everyRecords()) : 0,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static TaskSpec pastTask(String id) {
    TaskSpec s = EngineHarness.spec(id);
    return new TaskSpec(id, "svc-past", "past", s.image(), List.of("sh", "-c", "exit 1"),
        Map.of(), s.resources(), new RestartPolicy(RestartPolicy.Condition.ON_FAILURE,
            MAX_RESTARTS, 1), null, List.of(), List.of(), 5, List.of());
  }

  /** Counts what the engine appends. */
  private static final class Counting implements JournalWriter {
    private final ChronicleJournal journal;
    private long records;

    Counting(ChronicleJournal journal) {
      this.journal = journal;
    }

    @Override
    public long append(JournalRecord record) {
      records++;
      return journal.append(record);
    }
  }
}
