package io.warren.task.machine;

import io.warren.journal.Checkpoint;
import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.runtime.ContainerIds;
import io.warren.task.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure fold of a journal into each task's state: what restore rebuilds machines from and what
 * the property test compares live machines with. It trusts the records (checking them is the
 * replay harness's job). A {@link Checkpoint} replaces the state of the tasks it lists.
 */
public final class HistoryFold {
  /** Key in a snapshot's vars listing the intents open at the checkpoint: "seq:effect:attempt,...". */
  public static final String OPEN_INTENTS_VAR = "openIntents";

  private String initialState;
  private final Map<String, TaskHistory> tasks = new LinkedHashMap<>();

  public HistoryFold(String initialState) {
    this.initialState = java.util.Objects.requireNonNull(initialState, "initialState");
  }

  private HistoryFold() {
    this.initialState = null;
  }

  /**
   * A fold that can read the journal before the task machine's definition is loaded (a worker's
   * start-up replays while the journal's open verifies it): a task assigned in these records gets
   * the machine's initial state once {@link #initialState(String)} names it, before {@link
   * #tasks()} may be read.
   */
  public static HistoryFold awaitingInitialState() {
    return new HistoryFold();
  }

  /** Names the initial state of a fold {@link #awaitingInitialState() awaiting} it. */
  public void initialState(String state) {
    java.util.Objects.requireNonNull(state, "state");
    if (initialState != null) {
      throw new IllegalStateException("the initial state is already " + initialState);
    }
    initialState = state;
    for (TaskHistory h : tasks.values()) {
      if (h.state == null) { // assigned, and no transition since
        h.state = state;
      }
    }
  }

  /**
   * An independent copy: the same tasks, none of their mutable parts shared (a worker's start-up
   * folds its replay once, hands the fold to the checkpoint source and a copy to the engine).
   *
   * @throws IllegalStateException while the fold still awaits its initial state
   */
  public HistoryFold copy() {
    HistoryFold c = new HistoryFold(initialStateOrFail());
    for (Map.Entry<String, TaskHistory> e : tasks.entrySet()) {
      c.tasks.put(e.getKey(), e.getValue().copy());
    }
    return c;
  }

  private String initialStateOrFail() {
    if (initialState == null) {
      throw new IllegalStateException("the fold awaits the task machine's initial state");
    }
    return initialState;
  }

  /** @throws IllegalStateException while the fold still awaits its initial state */
  public Map<String, TaskHistory> tasks() {
    initialStateOrFail();
    return Collections.unmodifiableMap(tasks);
  }

  public HistoryFold applyAll(Iterable<? extends JournalRecord> records) {
    for (JournalRecord r : records) {
      apply(r);
    }
    return this;
  }

  public void apply(JournalRecord record) {
    if (record instanceof Checkpoint c) {
      for (Checkpoint.TaskSnapshot s : c.tasks()) {
        tasks.put(s.taskId(), TaskHistory.of(s, c.timeMillis()));
      }
      return;
    }
    if (record instanceof TaskAssigned a) {
      TaskHistory h = tasks.computeIfAbsent(a.taskId(), k -> new TaskHistory(a.spec(), initialState));
      h.vars.apply(a);
      h.updatedAtMillis = Math.max(h.updatedAtMillis, a.timeMillis());
      return;
    }
    TaskHistory h = tasks.get(record.taskId());
    if (h == null) {
      return;
    }
    if (record instanceof Transition t) {
      h.state = t.to();
      h.vars.apply(t);
      h.last = t;
      h.reason = t.reason() == null ? "" : t.reason();
      h.updatedAtMillis = t.timeMillis();
    } else if (record instanceof EffectIntent i) {
      h.open.put(i.effectSeq(), i);
      h.maxEffectSeq = Math.max(h.maxEffectSeq, i.effectSeq());
    } else if (record instanceof EffectOutcome o) {
      h.open.remove(o.effectSeq());
      h.maxEffectSeq = Math.max(h.maxEffectSeq, o.effectSeq());
      h.vars.apply(o);
      if (o.result().succeeded() && Effects.CREATE.equals(o.effect())) {
        h.containerId = o.containerId();
      } else if (o.result().succeeded() && Effects.REMOVE.equals(o.effect())
          && o.containerId().equals(h.containerId)) {
        h.containerId = "";
      }
    }
  }

  /** One task as the journal says it is. */
  public static final class TaskHistory {
    public final TaskSpec spec;
    public String state;
    public final TaskVars vars;
    public final Map<Long, EffectIntent> open = new LinkedHashMap<>();
    public long maxEffectSeq;
    public String containerId = "";
    public String reason = "";
    public long updatedAtMillis;
    /** The last journaled transition, null if none since the checkpoint. */
    public Transition last;
    /** Desired state from a checkpoint, "" if none. */
    public String desired = "";

    TaskHistory(TaskSpec spec, String state) {
      this(spec, state, new TaskVars());
    }

    private TaskHistory(TaskSpec spec, String state, TaskVars vars) {
      this.spec = spec;
      this.state = state;
      this.vars = vars;
    }

    private TaskHistory copy() {
      TaskHistory c = new TaskHistory(spec, state, vars.copy());
      c.open.putAll(open); // the intents themselves are immutable records
      c.maxEffectSeq = maxEffectSeq;
      c.containerId = containerId;
      c.reason = reason;
      c.updatedAtMillis = updatedAtMillis;
      c.last = last;
      c.desired = desired;
      return c;
    }

    public List<EffectIntent> openIntents() {
      return new ArrayList<>(open.values());
    }

    private static String containerIdOrEmpty(String taskId, int attempt) {
      try {
        return ContainerIds.of(taskId, attempt);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }

    static TaskHistory of(Checkpoint.TaskSnapshot s, long time) {
      TaskHistory h = new TaskHistory(s.spec(), s.state(), TaskVars.fromMap(s.vars()));
      h.vars.attempt = s.attempt();
      h.containerId = s.containerId();
      h.updatedAtMillis = s.updatedAtMillis();
      h.desired = s.desiredState();
      h.reason = s.vars().getOrDefault("reason", "");
      h.maxEffectSeq = Long.parseLong(s.vars().getOrDefault("effectSeq", "0"));
      // The transition that led here, so a restored task can resume that row's effects.
      String lastFrom = s.vars().get("lastFrom");
      String lastEvent = s.vars().get("lastEvent");
      if (lastFrom != null && lastEvent != null) {
        h.last = new Transition(s.updatedAtMillis(), s.taskId(), s.attempt(), lastFrom, s.state(),
            lastEvent, h.reason);
      }
      String open = s.vars().getOrDefault(OPEN_INTENTS_VAR, "");
      for (String item : open.split(",")) {
        String[] p = item.split(":");
        if (p.length == 3) {
          long seq = Long.parseLong(p[0]);
          int attempt = Integer.parseInt(p[2]);
          h.open.put(seq, new EffectIntent(time, s.taskId(), attempt, seq, p[1],
              containerIdOrEmpty(s.taskId(), attempt)));
        }
      }
      return h;
    }
  }
}
