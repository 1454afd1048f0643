package io.warren.replay;

import io.warren.journal.EffectIntent;
import io.warren.journal.JournalRecord;
import io.warren.task.TaskStatus;
import io.warren.task.engine.TaskEngine;
import io.warren.testing.EngineHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixture after {@link ReplayFixture} ran it: the replay verdict, and a live engine restored from
 * the fixture (fake runtime, virtual clock at the fixture's last record) that the test may drive on.
 */
public record ReplayRun(List<JournalRecord> records, ReplayResult replay, EngineHarness harness,
    TaskEngine.RestoreReport restore) {

  /** The restored engine's machine state of a task (equal to the replayed one), null if unknown. */
  public String state(String taskId) {
    return harness.state(taskId);
  }

  public TaskStatus status(String taskId) {
    return harness.engine.status(taskId);
  }

  /** Task → final machine state. */
  public Map<String, String> states() {
    Map<String, String> m = new LinkedHashMap<>();
    restore.tasks().forEach(t -> m.put(t.taskId(), t.machineState()));
    return m;
  }

  public List<Violation> violations() {
    return replay.violations();
  }

  public List<EffectIntent> openIntents() {
    return replay.openIntents();
  }
}
