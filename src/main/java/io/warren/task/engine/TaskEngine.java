package io.warren.task.engine;

import io.warren.journal.Checkpoint;
import io.warren.journal.EffectIntent;
import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import io.warren.journal.TaskAssigned;
import io.warren.runtime.ContainerRuntime;
import io.warren.task.DesiredState;
import io.warren.task.TaskControl;
import io.warren.task.TaskSpec;
import io.warren.task.TaskStatus;
import io.warren.task.machine.HistoryFold;
import io.warren.task.machine.TaskVars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task engine: one {@link TaskRunner} (and one state machine) per task, each driven on its own
 * lane of the {@link TaskScheduler}. Implements the {@link TaskControl} port the manager-sync loop
 * calls; every call only queues work on the task's lane and returns.
 *
 * <p>Order of things, always: journal, then machine state, then the runtime call (see
 * {@link TaskRunner}). A journal append failure halts the task it happened on and calls the
 * fail-stop handler ({@link #onFailStop}); the daemon's handler stops the worker so that it
 * restarts and replays.
 */
public final class TaskEngine implements TaskControl {
  private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);

  private final EngineContext ctx;
  private final Map<String, TaskRunner> tasks = new ConcurrentHashMap<>();
  private final List<Consumer<TaskStatus>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<FailStop>> failStopHandlers = new CopyOnWriteArrayList<>();

  public TaskEngine(TaskMachineFactory machines, JournalWriter journal, ContainerRuntime runtime,
      TaskScheduler scheduler, String nodeId) {
    this(machines, journal, runtime, scheduler, nodeId, RuntimeEffects.all(), 5,
        Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /**
   * @param maxTemporaryRetries retries of an effect that fails temporarily before the task fails
   */
  public TaskEngine(TaskMachineFactory machines, JournalWriter journal, ContainerRuntime runtime,
      TaskScheduler scheduler, String nodeId, Map<String, Effect> effects, int maxTemporaryRetries,
      Duration retryBase, Duration retryCap) {
    this.ctx = new EngineContext(machines.definition(), machines, journal, runtime, scheduler,
        Map.copyOf(effects), nodeId, maxTemporaryRetries, retryBase, retryCap, this::notifyStatus,
        this::notifyFailStop);
  }

  // ---- TaskControl ----

  @Override
  public void assign(TaskSpec spec, DesiredState desired) {
    String id = spec.taskId();
    ctx.scheduler().execute(id, () -> {
      TaskRunner r = tasks.get(id);
      if (r != null) {
        r.setDesired(desired);
        return;
      }
      TaskAssigned assigned = new TaskAssigned(ctx.scheduler().nowMillis(), spec);
      TaskVars vars = new TaskVars();
      vars.apply(assigned);
      RuntimeException failure = null;
      try {
        ctx.journal().append(assigned);
      } catch (RuntimeException e) {
        failure = e;
      }
      r = new TaskRunner(ctx, spec, vars, assigned.timeMillis());
      tasks.put(id, r);
      if (failure != null) {
        r.halt("task assigned", failure);
      } else {
        r.setDesired(desired);
      }
    });
  }

  @Override
  public void setDesired(String taskId, DesiredState desired) {
    onLane(taskId, r -> r.setDesired(desired));
  }

  @Override
  public void forget(String taskId) {
    onLane(taskId, r -> {
      if (r.terminal()) {
        tasks.remove(taskId);
      } else {
        LOG.warn("task {}: not forgotten, it is still {}", taskId, r.state());
      }
    });
  }

  @Override
  public List<TaskStatus> statuses() {
    List<TaskStatus> out = new ArrayList<>(tasks.size());
    tasks.values().forEach(r -> out.add(r.status()));
    return out;
  }

  @Override
  public void onStatusChange(Consumer<TaskStatus> listener) {
    listeners.add(listener);
  }

  // ---- beyond the port ----

  /** Called when a task halts because the journal failed (fail-stop). */
  public void onFailStop(Consumer<FailStop> handler) {
    failStopHandlers.add(handler);
  }

  /** The health prober's verdict for a running task. */
  public void reportHealth(String taskId, boolean healthy) {
    onLane(taskId, r -> r.health(healthy));
  }

  /** The status of one task, or null if unknown. */
  public TaskStatus status(String taskId) {
    TaskRunner r = tasks.get(taskId);
    return r == null ? null : r.status();
  }

  /**
   * Rebuilds the tasks from the last checkpoint (may be null) and the records after it, before any
   * other call. Machines are reset to their journaled states: no action runs, no event is re-sent,
   * no effect is performed. Intents without outcomes are reported, not redone: recovery resolves
   * them against the runtime, then calls {@link #resume} per task.
   */
  public RestoreReport restore(Checkpoint checkpoint, Iterable<? extends JournalRecord> after) {
    HistoryFold fold = new HistoryFold(ctx.definition().initial());
    if (checkpoint != null) {
      fold.apply(checkpoint);
    }
    return restore(fold.applyAll(after));
  }

  /**
   * The same from a fold of those records made as they were read (a worker's start-up folds
   * while the journal's open verifies them). The fold then belongs to the engine.
   */
  public RestoreReport restore(HistoryFold fold) {
    if (!tasks.isEmpty()) {
      throw new IllegalStateException("restore must come before any task is assigned");
    }
    List<EffectIntent> open = new ArrayList<>();
    List<TaskStatus> restored = new ArrayList<>();
    for (HistoryFold.TaskHistory h : fold.tasks().values()) {
      TaskRunner r = new TaskRunner(ctx, h);
      tasks.put(r.taskId(), r);
      open.addAll(h.openIntents());
      restored.add(r.status());
    }
    return new RestoreReport(restored, open);
  }

  /** Runs a restored task's pending effects again (idempotent); see {@link TaskRunner#resume}. */
  public void resume(String taskId) {
    onLane(taskId, TaskRunner::resume);
  }

  /** The runners, for recovery (same package); only while no lane is running effects. */
  java.util.Collection<TaskRunner> runners() {
    return tasks.values();
  }

  /** One runner, for recovery, or null; the same rule as {@link #runners()}. */
  TaskRunner runner(String taskId) {
    return tasks.get(taskId);
  }

  EngineContext context() {
    return ctx;
  }

  private void onLane(String taskId, Consumer<TaskRunner> work) {
    ctx.scheduler().execute(taskId, () -> {
      TaskRunner r = tasks.get(taskId);
      if (r == null) {
        LOG.debug("task {}: unknown, ignored", taskId);
      } else {
        work.accept(r);
      }
    });
  }

  private void notifyStatus(TaskStatus s) {
    for (Consumer<TaskStatus> l : listeners) {
      l.accept(s);
    }
  }

  private void notifyFailStop(FailStop f) {
    if (failStopHandlers.isEmpty()) {
      LOG.error("fail-stop of task {} with no handler registered", f.taskId());
    }
    failStopHandlers.forEach(h -> h.accept(f));
  }

  /**
   * What restore found.
   *
   * @param openIntents intents journaled without an outcome: they may or may not have happened
   */
  public record RestoreReport(List<TaskStatus> tasks, List<EffectIntent> openIntents) {}
}
