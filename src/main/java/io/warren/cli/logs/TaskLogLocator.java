package io.warren.cli.logs;

import io.warren.cli.TaskRef;
import io.warren.cli.UserError;
import io.warren.journal.JournalException;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a task's current log files from the local worker journal, without asking containerd or
 * the manager: the journal knows the task's current attempt and container id, and the containerd
 * runtime writes task output to {@code <worker data dir>/logs/<container id>.stdout.log} and
 * {@code .stderr.log} (see {@code ContainerdRuntime.logPaths}; no spec overrides those paths yet).
 */
public final class TaskLogLocator {

  /** Where a task's output is, for one attempt. */
  public record TaskLog(String taskId, int attempt, String state, String containerId, Path stdout,
      Path stderr) {}

  private TaskLogLocator() {}

  /** Resolves {@code taskRef}, a full task id or a unique prefix of one, to its current log. */
  public static TaskLog locate(Path workerDataDir, String taskRef) {
    List<TaskView> tasks;
    try (JournalInspector j = JournalInspector.open(workerDataDir)) {
      tasks = j.tasks();
    } catch (JournalException e) {
      throw new UserError("--data-dir: " + e.getMessage());
    }
    TaskView task = TaskRef.pick(tasks, taskRef, workerDataDir);
    if (task.containerId().isEmpty()) {
      throw new UserError("task " + task.taskId() + " has no container yet (state "
          + (task.state().isEmpty() ? "assigned" : task.state()) + "), so it has no logs");
    }
    Path logs = workerDataDir.resolve("logs");
    return new TaskLog(task.taskId(), task.attempt(), task.state(), task.containerId(),
        logs.resolve(task.containerId() + ".stdout.log"),
        logs.resolve(task.containerId() + ".stderr.log"));
  }
}
