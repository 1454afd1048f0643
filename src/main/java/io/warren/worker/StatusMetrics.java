package io.warren.worker;

import io.warren.metrics.WorkerMetrics;
import io.warren.task.ActualState;
import io.warren.task.TaskStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns the engine's status changes into the worker's task metrics: tasks running, start
 * duration per attempt, failures, restarts. Called on engine lanes, so it only does map updates.
 */
final class StatusMetrics implements Consumer<TaskStatus> {
  private final WorkerMetrics metrics;
  /** Per task: the attempt last seen and when it was first seen pending. */
  private final Map<String, long[]> attempts = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();

  StatusMetrics(WorkerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void accept(TaskStatus s) {
    long[] seen = attempts.computeIfAbsent(s.taskId(),
        k -> new long[] {s.attempt(), s.updatedAtMillis(), 0});
    if (s.attempt() > seen[0]) {
      metrics.containerRestarts.inc();
      seen[0] = s.attempt();
      seen[1] = s.updatedAtMillis();
      seen[2] = 0;
    }
    if (s.actualState() == ActualState.RUNNING) {
      if (seen[2] == 0) {
        seen[2] = 1;
        metrics.taskStartDuration.observe(Math.max(0, s.updatedAtMillis() - seen[1]) / 1000.0);
      }
      running.put(s.taskId(), Boolean.TRUE);
    } else {
      running.remove(s.taskId());
    }
    if (s.actualState() == ActualState.FAILED) {
      metrics.taskFailures.inc();
    }
    metrics.tasksRunning.set(running.size());
  }
}
