package io.warren.replay;

import io.warren.journal.Checkpoint;
import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.Reap;
import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.runtime.ContainerIds;
import io.warren.statemachine.SpringTaskMachineFactory;
import io.warren.task.engine.TaskMachine;
import io.warren.task.engine.TaskMachineFactory;
import io.warren.task.engine.TransitionSink;
import io.warren.task.load.TaskMachineLoader;
import io.warren.task.machine.Effects;
import io.warren.task.machine.MachineDefinition;
import io.warren.task.machine.TaskVars;
import io.warren.task.machine.TransitionDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-drives a recorded history through fresh task machines, with no side effects: each journaled
 * transition's event is fired at a machine built from the same definition, holding the extended
 * state folded from the records before it, and must land where the record says. Effects are never
 * performed (machines have no actions; no runtime is involved). Checks, naming the record:
 * <ul>
 *   <li>only legal transitions: the table has the row, it starts from the task's current state, the
 *       guards choose the recorded target, the attempt number follows;
 *   <li>nothing leaves a terminal state;
 *   <li>every effect outcome answers an open intent of the same effect; intents left without
 *       outcome are reported as open (not a violation);
 *   <li>at most one live container per task (hence per task attempt), and a created container's id
 *       is the deterministic id of its task attempt.
 * </ul>
 * Not thread-safe; use one Replayer per history.
 */
public final class Replayer {
  private final TaskMachineFactory machines;
  private final MachineDefinition def;

  public Replayer(TaskMachineFactory machines) {
    this.machines = machines;
    this.def = machines.definition();
  }

  /** A replayer for the packaged task machine. */
  public static Replayer standard() {
    return new Replayer(new SpringTaskMachineFactory(TaskMachineLoader.taskMachine()));
  }

  public ReplayResult replay(Iterable<? extends JournalRecord> history) {
    Run run = new Run();
    long n = 0;
    for (JournalRecord r : history) {
      n++;
      run.apply(n, r);
    }
    return run.result(n);
  }

  private final class Run {
    private final Map<String, Replayed> tasks = new LinkedHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private long n;
    private JournalRecord current;

    void apply(long n, JournalRecord r) {
      this.n = n;
      this.current = r;
      try {
        check(r);
      } catch (RuntimeException e) {
        violations.add(new Violation(n, r.type(), "", "malformed record: " + e));
      }
    }

    private void check(JournalRecord r) {
      if (r instanceof TaskAssigned a && a.spec() == null) {
        throw new IllegalArgumentException("TaskAssigned without a spec");
      }
      if (r instanceof TaskAssigned a) {
        tasks.computeIfAbsent(a.taskId(), id -> new Replayed(id, def.initial(), new TaskVars()))
            .vars.apply(a);
      } else if (r instanceof Transition t) {
        transition(t);
      } else if (r instanceof EffectIntent i) {
        intent(i);
      } else if (r instanceof EffectOutcome o) {
        outcome(o);
      } else if (r instanceof Reap reap) {
        Replayed t = tasks.get(reap.taskId());
        if (t != null && !reap.dryRun()) {
          t.live.remove(reap.containerId());
        }
      } else if (r instanceof Checkpoint c) {
        checkpoint(c);
      }
    }

    private void transition(Transition t) {
      Replayed task = known(t.taskId());
      if (task == null) {
        return;
      }
      String at = task.machine.state();
      boolean bad = false;
      if (def.isTerminal(at)) {
        violation("task leaves terminal state '" + at + "' (" + t.from() + " --" + t.event()
            + "--> " + t.to() + ")");
        bad = true;
      } else if (!at.equals(t.from())) {
        violation("record says from '" + t.from() + "' but the task is in '" + at + "'");
        bad = true;
      }
      TransitionDef row = def.find(t.from(), t.event(), t.to());
      if (row == null) {
        violation("illegal transition " + t.from() + " --" + t.event() + "--> " + t.to()
            + " (no such row in " + def.source() + ")");
        bad = true;
      } else if (!bad) {
        int expected = task.vars.attempt + (row.newAttempt() ? 1 : 0);
        if (t.attempt() != expected) {
          violation("attempt " + t.attempt() + " but the machine is at attempt " + expected);
          bad = true;
        }
      }
      if (!bad) {
        TaskMachine.Fired f = task.machine.fire(t.event(), t.timeMillis(), t.reason());
        if (!f.moved()) {
          violation("the machine refuses " + t.event() + " in '" + at + "' (" + f.outcome()
              + ") with " + task.vars + "; the record says it went to '" + t.to() + "'");
          bad = true;
        } else if (!f.record().to().equals(t.to())) {
          violation("the machine's guards choose '" + f.record().to() + "' with " + task.vars
              + "; the record says '" + t.to() + "'");
          bad = true;
        }
      }
      if (bad) {
        task.machine.resetTo(t.to()); // follow the record, to keep checking what comes after
      }
      task.vars.apply(t);
      task.reason = t.reason() == null ? "" : t.reason();
    }

    private void intent(EffectIntent i) {
      Replayed task = known(i.taskId());
      if (task == null) {
        return;
      }
      if (task.open.containsKey(i.effectSeq()) || i.effectSeq() <= task.lastSeq) {
        violation("effectSeq " + i.effectSeq() + " reused (last was " + task.lastSeq + ")");
      }
      task.lastSeq = Math.max(task.lastSeq, i.effectSeq());
      if (Effects.CREATE.equals(i.effect())) {
        String expected = idOf(i.taskId(), i.attempt());
        if (!i.containerId().equals(expected)) {
          violation("create of '" + i.containerId() + "' for attempt " + i.attempt()
              + "; its deterministic id is '" + expected + "'");
        }
      }
      task.open.put(i.effectSeq(), i);
    }

    private void outcome(EffectOutcome o) {
      Replayed task = known(o.taskId());
      if (task == null) {
        return;
      }
      EffectIntent i = task.open.remove(o.effectSeq());
      if (i == null) {
        violation("outcome of " + o.effect() + " #" + o.effectSeq() + " without an open intent");
      } else if (!i.effect().equals(o.effect()) || !i.containerId().equals(o.containerId())) {
        violation("outcome " + o.effect() + "/" + o.containerId() + " answers intent "
            + i.effect() + "/" + i.containerId() + " #" + o.effectSeq());
      }
      task.vars.apply(o);
      if (o.result().succeeded() && Effects.CREATE.equals(o.effect())) {
        task.live.add(o.containerId());
        if (task.live.size() > 1) {
          violation("more than one live container for the task: " + task.live);
        }
      } else if (o.result().succeeded() && Effects.REMOVE.equals(o.effect())) {
        task.live.remove(o.containerId());
      }
    }

    private void checkpoint(Checkpoint c) {
      for (Checkpoint.TaskSnapshot s : c.tasks()) {
        Replayed task = tasks.get(s.taskId());
        if (task == null) {
          TaskVars vars = TaskVars.fromMap(s.vars());
          vars.attempt = s.attempt();
          Replayed adopted = new Replayed(s.taskId(), s.state(), vars);
          if (!s.containerId().isEmpty()) {
            adopted.live.add(s.containerId());
          }
          tasks.put(s.taskId(), adopted);
        } else if (!task.machine.state().equals(s.state()) || task.vars.attempt != s.attempt()) {
          violation("checkpoint says task " + s.taskId() + " is '" + s.state() + "' attempt "
              + s.attempt() + "; replay says '" + task.machine.state() + "' attempt "
              + task.vars.attempt);
        }
      }
    }

    private Replayed known(String taskId) {
      Replayed t = tasks.get(taskId);
      if (t == null) {
        violation("task '" + taskId + "' was never assigned");
      }
      return t;
    }

    private void violation(String message) {
      violations.add(new Violation(n, current.type(), current.taskId(), message));
    }

    ReplayResult result(long records) {
      List<ReplayResult.TaskResult> out = new ArrayList<>();
      List<EffectIntent> open = new ArrayList<>();
      for (Replayed t : tasks.values()) {
        String s = t.machine.state();
        out.add(new ReplayResult.TaskResult(t.id, s, def.statusOf(s).wire(), t.vars.attempt,
            t.reason));
        open.addAll(t.open.values());
      }
      return new ReplayResult(out, violations, open, records);
    }
  }

  private static String idOf(String taskId, int attempt) {
    try {
      return ContainerIds.of(taskId, attempt);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private final class Replayed {
    final String id;
    final TaskVars vars;
    final TaskMachine machine;
    final Map<Long, EffectIntent> open = new LinkedHashMap<>();
    final Set<String> live = new LinkedHashSet<>();
    long lastSeq;
    String reason = "";

    Replayed(String id, String state, TaskVars vars) {
      this.id = id;
      this.vars = vars;
      this.machine = machines.create(id, vars, state, TransitionSink.NONE);
    }
  }
}
