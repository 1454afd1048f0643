package io.warren.replay;

import io.warren.journal.EffectIntent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replaying a history found: each task's final state, the broken invariants (empty when all
 * hold) and the intents without outcomes (reported, not a violation: the worker may have died
 * mid-call, or a long effect such as {@code watch} is still in progress).
 */
public record ReplayResult(List<TaskResult> tasks, List<Violation> violations,
    List<EffectIntent> openIntents, long records) {

  public ReplayResult {
    tasks = List.copyOf(tasks);
    violations = List.copyOf(violations);
    openIntents = List.copyOf(openIntents);
  }

  public boolean ok() {
    return violations.isEmpty();
  }

  /** The final machine state of a task, or null if the history does not know it. */
  public String state(String taskId) {
    return tasks.stream().filter(t -> t.task().equals(taskId)).map(TaskResult::state).findFirst()
        .orElse(null);
  }

  public TaskResult task(String taskId) {
    return tasks.stream().filter(t -> t.task().equals(taskId)).findFirst().orElse(null);
  }

  /** Final states by task id, in first-seen order. */
  public Map<String, String> states() {
    Map<String, String> m = new LinkedHashMap<>();
    tasks.forEach(t -> m.put(t.task(), t.state()));
    return m;
  }

  /**
   * One task at the end of the history.
   *
   * @param status the status string Warren's manager is told for that state
   * @param reason the reason of the last transition (why it failed, the exit code, ...)
   */
  public record TaskResult(String task, String state, String status, int attempt, String reason) {}
}
