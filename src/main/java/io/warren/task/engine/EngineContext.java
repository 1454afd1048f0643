package io.warren.task.engine;

import io.warren.journal.JournalWriter;
import io.warren.runtime.ContainerRuntime;
import io.warren.task.TaskStatus;
import io.warren.task.machine.MachineDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every task runner shares: the definition, the journal, the runtime, the scheduler, the
 * effects, and where statuses and fail-stops go.
 *
 * @param maxTemporaryRetries how often an effect failing temporarily is retried before the task fails
 * @param retryBase first retry delay; doubled per retry up to {@code retryCap}
 */
record EngineContext(MachineDefinition definition, TaskMachineFactory machines,
    JournalWriter journal, ContainerRuntime runtime, TaskScheduler scheduler,
    Map<String, Effect> effects, String nodeId, int maxTemporaryRetries, Duration retryBase,
    Duration retryCap, Consumer<TaskStatus> statusSink, Consumer<FailStop> failStop) {

  Duration retryDelay(int retriesSoFar) {
    long ms = retryBase.toMillis() << Math.min(retriesSoFar, 20);
    return Duration.ofMillis(Math.min(ms, retryCap.toMillis()));
  }
}
