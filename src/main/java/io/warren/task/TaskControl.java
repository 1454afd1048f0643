package io.warren.task;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the manager-facing side of the worker (the sync loop) asks of the task engine. The engine
 * owns every task's machine; this port only passes desired state in and statuses out.
 */
public interface TaskControl {

  /**
   * Accepts an assignment, or updates its desired state if the task is known. Idempotent. A spec
   * the worker cannot run (bad image reference, unsupported feature) still becomes a task, which
   * fails with a reason saying why; this method does not throw for bad input.
   */
  void assign(TaskSpec spec, DesiredState desired);

  /** Changes a known task's desired state; unknown tasks are ignored. */
  void setDesired(String taskId, DesiredState desired);

  /** Drops a terminal task the manager no longer lists (its container is already removed). */
  void forget(String taskId);

  /** Every known task's status, in no particular order. */
  List<TaskStatus> statuses();

  /** Called (on an engine thread) after each status change; must not block. */
  void onStatusChange(Consumer<TaskStatus> listener);
}
