package io.warren.task;

/**
 * What the worker reports for one task.
 *
 * @param machineState the task machine's own (finer) state name, for logs and the CLI
 * @param containerId the runtime container id of the current attempt, "" before create
 * @param error why the task failed, "" otherwise
 * @param updatedAtMillis when the state last changed
 */
public record TaskStatus(String taskId, ActualState actualState, String machineState, int attempt,
    String containerId, String error, long updatedAtMillis) {}
