package io.warren.task.engine;

import io.warren.runtime.ContainerRuntime;
import io.warren.task.TaskSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One named side effect (see {@code effects:} in task.yaml). Effects are idempotent and keyed by the
 * deterministic container id of (task, attempt), so repeating one that already happened is "already
 * done", never a failure. The engine journals an intent before {@link #perform} and an outcome after
 * its completion; an effect never touches the journal or the machine.
 */
@FunctionalInterface
public interface Effect {

  /**
   * Starts the effect. Most complete at once (a blocking runtime call); {@code watch} and
   * {@code backoff} complete later.
   *
   * @throws Exception classified by {@link ErrorClass}
   */
  CompletionStage<Done> perform(Context ctx) throws Exception;

  /** What a successful effect reports: journaled as the outcome's details (never secret values). */
  record Done(boolean alreadyDone, Map<String, String> details) {
    public static final Done OK = new Done(false, Map.of());

    public Done {
      details = details == null ? Map.of() : Map.copyOf(details);
    }
  }

  /** What an effect may use; {@code restartDelay} is what {@code backoff} waits. */
  record Context(TaskSpec spec, int attempt, String containerId, String nodeId,
      ContainerRuntime runtime, TaskScheduler scheduler, String lane, Duration restartDelay) {}
}
