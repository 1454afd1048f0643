package io.warren.journal;

import io.warren.task.TaskSpec;

/** A task as the manager assigned it (secret names only, never values). */
public record TaskAssigned(long timeMillis, TaskSpec spec) implements JournalRecord {
  @Override
  public String taskId() {
    return spec.taskId();
  }
}
