package io.warren.cli;

import io.warren.journal.TaskView;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A task named on the command line: its full id or a unique prefix of one (warren ps prints the
 * first 12 characters), resolved against the tasks a worker's journal knows.
 */
public final class TaskRef {
  private TaskRef() {}

  /**
   * The task {@code ref} names: the one whose id is exactly {@code ref}, else the only one whose id
   * starts with it.
   *
   * @param where the worker data directory the tasks were read from, for the error messages
   * @throws UserError naming the value when it is empty, matches nothing or matches several
   */
  public static TaskView pick(List<TaskView> tasks, String ref, Path where) {
    if (ref == null || ref.isBlank()) {
      throw new UserError("TASK: a task id (or a unique prefix of one) is required");
    }
    for (TaskView t : tasks) {
      if (t.taskId().equals(ref)) {
        return t;
      }
    }
    List<TaskView> matches = tasks.stream().filter(t -> t.taskId().startsWith(ref))
        .collect(Collectors.toList());
    if (matches.isEmpty()) {
      throw new UserError("TASK: no task '" + ref + "' in the worker journal of " + where
          + " (this worker knows " + tasks.size() + " task(s); is the task on another node?)");
    }
    if (matches.size() > 1) {
      throw new UserError("TASK: '" + ref + "' is ambiguous, it matches " + matches.stream()
          .map(TaskView::taskId).collect(Collectors.joining(", ")) + "; give more characters");
    }
    return matches.get(0);
  }
}
