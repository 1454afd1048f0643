package io.warren.recovery;

import io.warren.recovery.JournaledTask.Expectation;
import io.warren.recovery.JournaledTask.OpenIntent;
import io.warren.recovery.Resolution.ExitedWhileDown;
import io.warren.recovery.Resolution.IntentResolved;
import io.warren.recovery.Resolution.Reap;
import io.warren.recovery.Resolution.Reattach;
import io.warren.recovery.Resolution.Vanished;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.ObservedContainer.TaskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure core of recovery: compares what the journal says with what containerd shows and
 * returns what to do. No I/O, no clock, so every crash case is a plain unit test.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A container no journaled task owns, or of a superseded attempt, is reaped.
 *   <li>An open intent is answered from containerd's state, never by repeating the call: create
 *       took effect iff the container exists; start iff its task exists; stop iff the task is not
 *       running; remove iff the container is gone.
 *   <li>The current attempt's container is reattached if it runs, reported as exited (with its
 *       real code) if it stopped, and reaped if the journal expects no container.
 *   <li>A running task's container that containerd lacks is reported vanished.
 * </ol>
 */
public final class ReconcilePlanner {

  /** The effect that waits for the container's exit (task.yaml's {@code watch}). */
  static final String WATCH = "watch";

  private ReconcilePlanner() {}

  public static List<Resolution> plan(List<JournaledTask> tasks, List<ObservedContainer> observed) {
    Map<String, ObservedContainer> byId = new HashMap<>();
    for (ObservedContainer c : observed) {
      byId.put(c.containerId(), c);
    }
    Map<String, JournaledTask> byTask = new HashMap<>();
    for (JournaledTask t : tasks) {
      byTask.put(t.taskId(), t);
    }

    List<Resolution> out = new ArrayList<>();
    for (JournaledTask task : tasks) {
      for (OpenIntent intent : task.openIntents()) {
        out.add(resolveIntent(task, intent, byId.get(intent.containerId())));
      }
      ObservedContainer current = byId.get(task.containerId());
      out.addAll(reconcileCurrent(task, current));
    }
    for (ObservedContainer c : observed) {
      JournaledTask owner = byTask.get(c.taskId());
      if (owner == null) {
        out.add(new Reap(c.containerId(), c.taskId(), "not owned by any journaled task"));
      } else if (!c.containerId().equals(owner.containerId())) {
        out.add(new Reap(c.containerId(), c.taskId(), "superseded: task " + owner.taskId()
            + " is at attempt " + owner.attempt() + ", container is attempt " + c.attempt()));
      }
    }
    return out;
  }

  private static IntentResolved resolveIntent(JournaledTask task, OpenIntent intent,
      ObservedContainer c) {
    boolean exists = c != null;
    boolean hasTask = exists && c.status() != TaskStatus.NO_TASK;
    boolean running = exists && (c.status() == TaskStatus.RUNNING || c.status() == TaskStatus.PAUSED);
    Map<String, String> details = new HashMap<>();
    boolean tookEffect = switch (intent.effect()) {
      case "create" -> exists;
      case "start" -> {
        if (hasTask && c.pid() > 0) {
          details.put("pid", Integer.toString(c.pid()));
        }
        yield hasTask;
      }
      case "stop" -> {
        if (exists && c.status() == TaskStatus.STOPPED && c.exit() != null) {
          details.put("exitCode", Integer.toString(c.exit().exitCode()));
        }
        yield !running;
      }
      case "remove" -> !exists;
      // The wait was cut short: nothing to answer. The task's fate is the reattach, exit or
      // vanish beside it; the engine continues the wait under this intent, or closes it.
      case WATCH -> false;
      // Effects that leave no trace in containerd (pull, prepare): report not done; they are
      // idempotent and the engine repeats them safely.
      default -> false;
    };
    return new IntentResolved(task.taskId(), intent.effectSeq(), intent.effect(), tookEffect,
        details);
  }

  /**
   * True if an effect that changes containerd (create, start, stop, remove...) may have been cut
   * short, which could explain a missing container. A {@code watch} only observes: a running
   * task always has one open, and it says nothing about where the container went.
   */
  static boolean hasOpenSideEffect(JournaledTask task) {
    return task.openIntents().stream().anyMatch(i -> !WATCH.equals(i.effect()));
  }

  private static List<Resolution> reconcileCurrent(JournaledTask task, ObservedContainer c) {
    Expectation exp = task.expectation();
    if (c == null) {
      // Only a running task's container must exist. In creating/starting the create may not have
      // happened yet, and after an exit the remove may already have: the engine's idempotent
      // effects settle both when the task resumes.
      if (exp == Expectation.RUNNING && !hasOpenSideEffect(task)) {
        return List.of(new Vanished(task.taskId(), task.containerId()));
      }
      return List.of();
    }
    if (exp == Expectation.NONE) {
      // Covers a terminal task whose remove was cut short: terminal tasks do not resume, so the
      // reaper finishes the removal (stop and remove are idempotent).
      return List.of(new Reap(c.containerId(), task.taskId(),
          "task is " + task.state() + " and owns no live container"));
    }
    return switch (c.status()) {
      // Running: keep it. If a stop was under way (EXITED), the engine finishes the stop on the
      // reattached task rather than recovery killing it behind the engine's back.
      case RUNNING, PAUSED -> List.of(new Reattach(task.taskId(), c.containerId(), c.pid()));
      case STOPPED -> exp == Expectation.RUNNING
          ? List.of(new ExitedWhileDown(task.taskId(), c.containerId(), c.exit()))
          : List.of();
      default -> List.of();
    };
  }
}
