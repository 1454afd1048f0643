package io.warren.task.engine;

import io.warren.journal.EffectIntent;
import io.warren.recovery.JournaledTask;
import io.warren.recovery.JournaledTask.Expectation;
import io.warren.recovery.RecoveryTarget;
import io.warren.recovery.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's side of recovery: after {@link TaskEngine#restore}, it tells recovery what each
 * task's journaled state implies about its container, closes the intents recovery answered, and
 * finally resumes every task.
 *
 * <p>Reattaching needs nothing special: resuming a running task re-issues its {@code watch}
 * effect, which waits on the same container (same PID), under the watch intent the crash left open
 * (nothing is journaled for it until the wait ends); a container that exited while the worker was
 * down completes the wait at once with its real exit code, and one that vanished fails it, which
 * the machine turns into {@code lost}.
 */
public final class EngineRecovery implements RecoveryTarget {
  /** What each state of task.yaml says about the current attempt's container. */
  private static final Map<String, Expectation> EXPECTATIONS = Map.ofEntries(
      Map.entry("assigned", Expectation.NONE),
      Map.entry("preparing", Expectation.NONE),
      Map.entry("pulling", Expectation.NONE),
      Map.entry("creating", Expectation.CREATED),
      Map.entry("starting", Expectation.CREATED),
      Map.entry("running", Expectation.RUNNING),
      Map.entry("healthy", Expectation.RUNNING),
      Map.entry("unhealthy", Expectation.RUNNING),
      Map.entry("stopping", Expectation.RUNNING),
      Map.entry("exited", Expectation.EXITED),
      Map.entry("stopped", Expectation.EXITED),
      Map.entry("backing-off", Expectation.NONE),
      Map.entry("removed", Expectation.NONE),
      Map.entry("failed", Expectation.NONE));

  private final TaskEngine engine;

  /**
   * What a task in {@code state} implies about its current container; the same mapping recovery
   * uses, for inspectors (`warren journal diff-live`) that plan without an engine.
   *
   * @throws IllegalArgumentException for a state task.yaml does not have
   */
  public static Expectation expectationFor(String state) {
    Expectation e = EXPECTATIONS.get(state);
    if (e == null) {
      throw new IllegalArgumentException("task state: unknown state '" + state + "'");
    }
    return e;
  }

  public EngineRecovery(TaskEngine engine) {
    this.engine = engine;
    Set<String> states = engine.context().definition().states().keySet();
    if (!EXPECTATIONS.keySet().equals(states)) {
      throw new IllegalStateException("recovery does not know what states " + states
          + " imply about containers (it knows " + EXPECTATIONS.keySet()
          + "): classify every state of task.yaml in EngineRecovery");
    }
  }

  @Override
  public List<JournaledTask> journaledTasks() {
    List<JournaledTask> out = new ArrayList<>();
    for (TaskRunner r : engine.runners()) {
      List<JournaledTask.OpenIntent> open = new ArrayList<>();
      for (EffectIntent i : r.openIntents().values()) {
        open.add(new JournaledTask.OpenIntent(i.effectSeq(), i.effect(), i.containerId()));
      }
      out.add(new JournaledTask(r.taskId(), r.attempt(), r.state(),
          RuntimeEffects.containerIdOrEmpty(r.taskId(), r.attempt()),
          EXPECTATIONS.get(r.state()), open));
    }
    return out;
  }

  @Override
  public void apply(Resolution resolution) {
    if (resolution instanceof Resolution.IntentResolved i) {
      TaskRunner r = engine.runner(i.taskId());
      if (r != null) {
        r.resolveOpenIntent(i.effectSeq(), i.tookEffect(), i.details());
      }
    }
    // Reattach, exited-while-down and vanished are settled by resuming the task (class doc).
  }

  /** Resumes every non-terminal task: runs its current state's effects again (idempotent). */
  public void resumeAll() {
    for (TaskRunner r : engine.runners()) {
      if (!r.terminal()) {
        engine.resume(r.taskId());
      }
    }
  }
}
