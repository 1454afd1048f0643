package io.warren.task.engine;

import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.Transition;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import io.warren.task.TaskSpec;
import io.warren.task.TaskStatus;
import io.warren.task.machine.Effects;
import io.warren.task.machine.HistoryFold;
import io.warren.task.machine.TaskVars;
import io.warren.task.machine.TransitionDef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one task: fires events at its machine (which journals each transition before the state
 * changes), then runs the effects the transition names, each as intent (journaled) → effect →
 * outcome (journaled) → the follow-up event. Every method runs on the task's lane, so the machine
 * sees one thread at a time. A journal append that fails halts the task (fail-stop): nothing more
 * is fired or performed for it, and the engine's fail-stop handler is told.
 *
 * <p>Staleness: an effect queued for a state the task has since left is skipped (never started);
 * a follow-up event from an earlier attempt, or one the current state has no row for, is dropped.
 */
final class TaskRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final EngineContext ctx;
  private final TaskSpec spec;
  private final TaskMachine machine;
  private final TaskVars vars;
  private final Map<Long, EffectIntent> open = new LinkedHashMap<>();
  private long epoch;
  private long effectSeq;
  private String containerId = "";
  private String reason = "";
  private long updatedAtMillis;
  private String haltReason;
  /** The row of the last transition, for {@link #resume}. */
  private TransitionDef lastRow;
  private volatile TaskStatus status;

  /** A new task, in the initial state. */
  TaskRunner(EngineContext ctx, TaskSpec spec, TaskVars vars, long nowMillis) {
    this.ctx = ctx;
    this.spec = spec;
    this.vars = vars;
    this.machine = ctx.machines().create(spec.taskId(), vars, ctx.definition().initial(),
        ctx.journal()::append);
    this.updatedAtMillis = nowMillis;
    publish(false);
  }

  /**
   * A task restored from the journal: its machine is reset to the journaled state, when it is
   * first needed ({@link DeferredTaskMachine}: restore builds no Spring machine).
   */
  TaskRunner(EngineContext ctx, HistoryFold.TaskHistory h) {
    this.ctx = ctx;
    this.spec = h.spec;
    this.vars = h.vars;
    this.machine = new DeferredTaskMachine(h.state, vars,
        state -> ctx.machines().create(spec.taskId(), vars, state, ctx.journal()::append));
    this.effectSeq = h.maxEffectSeq;
    this.containerId = h.containerId;
    this.reason = h.reason;
    this.updatedAtMillis = h.updatedAtMillis;
    this.open.putAll(h.open);
    if (h.last != null) {
      this.lastRow = ctx.definition().find(h.last.from(), h.last.event(), h.last.to());
    }
    publish(false);
  }

  String taskId() {
    return spec.taskId();
  }

  String state() {
    return machine.state();
  }

  TaskStatus status() {
    return status;
  }

  boolean halted() {
    return haltReason != null;
  }

  boolean terminal() {
    return ctx.definition().isTerminal(machine.state());
  }

  // ---- inputs (on the lane) ----

  void setDesired(DesiredState d) {
    if (d == DesiredState.SHUTDOWN) {
      fire(Effects.EVENT_SHUTDOWN, "desired state shutdown");
    } else if (machine.state().equals(ctx.definition().initial())) {
      fire(Effects.EVENT_RUN, "desired state running");
    } else {
      publish(false);
    }
  }

  void health(boolean ok) {
    fire(ok ? Effects.EVENT_HEALTH_OK : Effects.EVENT_HEALTH_BAD, ok ? "health check passing"
        : "health check failing");
  }

  /**
   * Runs the effects of the transition that led to the current state again (they are idempotent).
   * Recovery calls this for a restored task once it has resolved the task's open intents.
   */
  void resume() {
    if (lastRow != null && !halted()) {
      startEffects(lastRow);
    }
  }

  /** Stops the task for good without a transition: the journal failed. */
  void halt(String what, RuntimeException error) {
    if (haltReason == null) {
      haltReason = "journal append failed (" + what + "): " + ErrorClass.message(error)
          + "; task halted until the worker restarts and replays";
      LOG.error("task {}: {}", spec.taskId(), haltReason, error);
      publish(true);
      ctx.failStop().accept(new FailStop(spec.taskId(), what, error));
    }
  }

  // ---- the machine ----

  /** Fires an event; false if the current state has no row for it (a stale event). */
  boolean fire(String event, String why) {
    if (halted()) {
      return false;
    }
    String from = machine.state();
    TaskMachine.Fired f = machine.fire(event, ctx.scheduler().nowMillis(), why);
    switch (f.outcome()) {
      case NO_TRANSITION -> {
        LOG.debug("task {}: no transition for '{}' in state {}", spec.taskId(), event, from);
        return false;
      }
      case REFUSED_BY_GUARD -> throw new IllegalStateException(ctx.definition().source()
          + ": no guard holds for event '" + event + "' in state '" + from + "' with " + vars);
      case JOURNAL_FAILED -> {
        halt("transition " + from + " --" + event + "-->", f.journalError());
        return false;
      }
      default -> { }
    }
    Transition t = f.record();
    epoch++;
    updatedAtMillis = t.timeMillis();
    reason = t.reason() == null ? "" : t.reason();
    TransitionDef row = ctx.definition().find(t.from(), t.event(), t.to());
    lastRow = row;
    publish(true);
    startEffects(row);
    return true;
  }

  private void startEffects(TransitionDef row) {
    if (!row.effects().isEmpty()) {
      long at = epoch;
      ctx.scheduler().execute(spec.taskId(), () -> runEffect(at, row, 0, 0));
    }
  }

  // ---- effects ----

  private void runEffect(long at, TransitionDef row, int index, int retries) {
    if (halted() || at != epoch) {
      return; // the task moved on: this effect is no longer wanted
    }
    String name = row.effects().get(index);
    int attempt = vars.attempt;
    String cid = RuntimeEffects.containerIdOrEmpty(spec.taskId(), attempt);
    EffectIntent intent = continuedWatch(name, attempt, cid);
    if (intent == null) {
      intent = new EffectIntent(ctx.scheduler().nowMillis(), spec.taskId(), attempt, ++effectSeq,
          name, cid);
      if (!append(intent, "intent " + name)) {
        return;
      }
      open.put(intent.effectSeq(), intent);
      publish(false);
    }
    Effect.Context ec = new Effect.Context(spec, attempt, cid, ctx.nodeId(), ctx.runtime(),
        ctx.scheduler(), spec.taskId(), vars.restartDelay());
    CompletionStage<Effect.Done> stage;
    Effect effect = ctx.effects().get(name);
    try {
      stage = ctx.scheduler().blocking(() -> effect.perform(ec)); // most block on a runtime call
    } catch (Exception e) {
      stage = CompletableFuture.failedFuture(e);
    }
    EffectIntent performed = intent;
    stage.whenComplete((done, error) -> ctx.scheduler().execute(spec.taskId(),
        () -> effectDone(at, row, index, retries, performed, done, error)));
  }

  private void effectDone(long at, TransitionDef row, int index, int retries, EffectIntent intent,
      Effect.Done done, Throwable error) {
    if (halted()) {
      return;
    }
    String name = intent.effect();
    EffectOutcome outcome;
    ErrorClass errorClass = null;
    if (error == null) {
      outcome = new EffectOutcome(ctx.scheduler().nowMillis(), spec.taskId(), intent.attempt(),
          intent.effectSeq(), name, intent.containerId(),
          done.alreadyDone() ? EffectOutcome.Result.ALREADY_DONE : EffectOutcome.Result.OK, "",
          done.details());
    } else {
      errorClass = ErrorClass.of(error);
      outcome = new EffectOutcome(ctx.scheduler().nowMillis(), spec.taskId(), intent.attempt(),
          intent.effectSeq(), name, intent.containerId(), errorClass.result(),
          ErrorClass.message(error), Map.of());
    }
    if (!append(outcome, "outcome " + name)) {
      return;
    }
    open.remove(intent.effectSeq());
    vars.apply(outcome);
    if (outcome.result().succeeded() && Effects.CREATE.equals(name)) {
      containerId = intent.containerId();
    } else if (outcome.result().succeeded() && Effects.REMOVE.equals(name)
        && intent.containerId().equals(containerId)) {
      containerId = "";
    }
    publish(false);

    if (errorClass == ErrorClass.TEMPORARY && retries < ctx.maxTemporaryRetries()) {
      if (at == epoch) {
        ctx.scheduler().schedule(spec.taskId(), ctx.retryDelay(retries),
            () -> runEffect(at, row, index, retries + 1));
      }
      return;
    }
    if (errorClass != null) {
      String why = name + ": " + ErrorClass.message(error)
          + (errorClass == ErrorClass.TEMPORARY ? " (gave up after " + (retries + 1) + " tries)" : "");
      followUp(row.failedEvent(), intent.attempt(), why);
      return;
    }
    if (index + 1 < row.effects().size()) {
      if (at == epoch) {
        runEffect(at, row, index + 1, 0);
      }
      return;
    }
    followUp(row.okEvent(), intent.attempt(), reasonFor(name, done));
  }

  private void followUp(String event, int attempt, String why) {
    if (event == null) {
      return;
    }
    if (attempt != vars.attempt) {
      LOG.debug("task {}: dropping '{}' from attempt {}", spec.taskId(), event, attempt);
      return;
    }
    fire(event, why);
  }

  private String reasonFor(String effect, Effect.Done done) {
    Map<String, String> d = done.details();
    return switch (effect) {
      case Effects.WATCH -> "exit code " + d.getOrDefault("exitCode", "?")
          + ("true".equals(d.get("oomKilled")) ? " (OOM killed)" : "");
      case Effects.REMOVE -> vars.exitCode >= 0 ? "exit code " + vars.exitCode : "";
      case Effects.STOP -> "true".equals(d.get("killed"))
          ? "SIGKILL after " + d.get("graceSeconds") + "s grace period"
          : "stopped, exit code " + d.getOrDefault("exitCode", "?");
      case Effects.BACKOFF -> "restart after " + delayText(d.getOrDefault("delayMillis", "0"));
      default -> "";
    };
  }

  /** "5s" for whole seconds, else "100ms". */
  private static String delayText(String millis) {
    long ms = Long.parseLong(millis);
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private boolean append(JournalRecord r, String what) {
    try {
      ctx.journal().append(r);
      return true;
    } catch (RuntimeException e) {
      halt(what, e);
      return false;
    }
  }

  private void publish(boolean changed) {
    String state = machine.state();
    ActualState actual = halted() ? ActualState.FAILED : ctx.definition().statusOf(state);
    String error = halted() ? haltReason : actual == ActualState.FAILED ? reason : "";
    status = new TaskStatus(spec.taskId(), actual, state, vars.attempt, containerId, error,
        updatedAtMillis);
    if (changed) {
      ctx.statusSink().accept(status);
    }
  }

  /**
   * Closes an intent left open by a crash with what containerd showed at recovery: the effect
   * took place (ALREADY_DONE) or it did not (FAILED_TEMPORARY; {@link #resume} performs it now,
   * knowing it is not a duplicate). Called by recovery before the task resumes. A watch that
   * resume repeats stays open instead ({@link #continuesOnResume}).
   */
  void resolveOpenIntent(long effectSeq, boolean tookEffect, Map<String, String> details) {
    EffectIntent intent = open.get(effectSeq);
    if (intent == null || halted() || continuesOnResume(intent)) {
      return;
    }
    Map<String, String> known = details;
    if (tookEffect && Effects.START.equals(intent.effect())) {
      // It started between its intent and the crash: the intent's time is the closest bound, and
      // the restart back-off measures the run from it (not from now, which would make a container
      // that ran while the worker was down look like a quick exit).
      known = new LinkedHashMap<>(details);
      known.put(TaskVars.STARTED_AT_MILLIS, Long.toString(intent.timeMillis()));
    }
    EffectOutcome outcome = new EffectOutcome(ctx.scheduler().nowMillis(), spec.taskId(),
        intent.attempt(), effectSeq, intent.effect(), intent.containerId(),
        tookEffect ? EffectOutcome.Result.ALREADY_DONE : EffectOutcome.Result.FAILED_TEMPORARY,
        tookEffect ? "" : "interrupted by a worker stop; containerd shows it did not take effect",
        known);
    if (!append(outcome, "recovered outcome " + intent.effect())) {
      return;
    }
    open.remove(effectSeq);
    if (tookEffect) {
      vars.apply(outcome);
      if (Effects.CREATE.equals(intent.effect())) {
        containerId = intent.containerId();
      } else if (Effects.REMOVE.equals(intent.effect()) && intent.containerId().equals(containerId)) {
        containerId = "";
      }
    }
    publish(false);
  }

  /**
   * True for a {@code watch} left open by a crash that {@link #resume} performs again: the Wait on
   * the same container, which is an observation, not a side effect. Resume continues under the
   * journaled intent instead of closing it and journaling a new one, so a restart of a node adds no
   * records for its running tasks, and the exit, whenever it comes, is the outcome of the watch
   * the task began when it started. A watch resume does not repeat (the task was stopping, say) is
   * closed like any other open intent.
   */
  private boolean continuesOnResume(EffectIntent intent) {
    return Effects.WATCH.equals(intent.effect()) && intent.attempt() == vars.attempt
        && lastRow != null && lastRow.effects().contains(Effects.WATCH);
  }

  /** The open watch {@link #continuesOnResume} kept for this attempt's container, or null. */
  private EffectIntent continuedWatch(String effect, int attempt, String cid) {
    if (!Effects.WATCH.equals(effect)) {
      return null;
    }
    for (EffectIntent i : open.values()) {
      if (Effects.WATCH.equals(i.effect()) && i.attempt() == attempt
          && i.containerId().equals(cid)) {
        return i;
      }
    }
    return null;
  }

  int attempt() {
    return vars.attempt;
  }

  /** The machine's extended state, read on the lane (or while no lane runs). */
  TaskVars vars() {
    return vars;
  }

  Map<Long, EffectIntent> openIntents() {
    return open;
  }
}
