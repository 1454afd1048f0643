package io.warren.task.engine;

import io.warren.journal.Checkpoint;
import io.warren.journal.EffectIntent;
import io.warren.journal.JournalRecord;
import io.warren.journal.ManagerAck;
import io.warren.task.machine.HistoryFold;
import io.warren.task.machine.TaskVars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a checkpoint is made of: every task's state ({@link HistoryFold}), the last status the
 * manager acknowledged for each, and the latest record time, folded record by record. {@link
 * CheckpointSource} keeps one up to date under its lock; a worker's start-up builds one while the
 * journal's open reads the records to replay, and hands it over. Not thread-safe.
 */
public final class CheckpointFold {
  /** Snapshot var keys (beyond {@link TaskVars#toMap()}). */
  static final String REASON = "reason";
  static final String EFFECT_SEQ = "effectSeq";
  static final String LAST_FROM = "lastFrom";
  static final String LAST_EVENT = "lastEvent";
  static final String ACK_ERROR = "lastAckError";

  private final HistoryFold fold;
  private final Map<String, ManagerAck> acks = new HashMap<>();
  private long lastTimeMillis;

  public CheckpointFold(String initialState) {
    this(new HistoryFold(initialState));
  }

  private CheckpointFold(HistoryFold fold) {
    this.fold = fold;
  }

  /**
   * A fold that reads records before the task machine is loaded (see {@link
   * HistoryFold#awaitingInitialState()}).
   */
  public static CheckpointFold awaitingInitialState() {
    return new CheckpointFold(HistoryFold.awaitingInitialState());
  }

  /** Names the initial state of a fold awaiting it. */
  public void initialState(String state) {
    fold.initialState(state);
  }

  /** A copy of the tasks' state folded so far, for the engine's restore (shares nothing). */
  public HistoryFold tasksCopy() {
    return fold.copy();
  }

  /** Folds the next record. */
  public void apply(JournalRecord record) {
    lastTimeMillis = Math.max(lastTimeMillis, record.timeMillis());
    if (record instanceof ManagerAck a) {
      acks.put(a.taskId(), a);
      return;
    }
    if (record instanceof Checkpoint c) {
      for (Checkpoint.TaskSnapshot t : c.tasks()) {
        if (!t.lastAck().isEmpty()) {
          acks.put(t.taskId(), new ManagerAck(c.timeMillis(), t.taskId(), t.lastAck(),
              t.vars().getOrDefault(ACK_ERROR, "")));
        }
      }
    }
    fold.apply(record);
  }

  /** The last status the manager acknowledged for each task, as journaled. */
  public List<ManagerAck> acknowledged() {
    return List.copyOf(acks.values());
  }

  /** Every task the records describe, as one Checkpoint of node {@code nodeId}. */
  public Checkpoint snapshot(String nodeId) {
    List<Checkpoint.TaskSnapshot> out = new ArrayList<>();
    for (HistoryFold.TaskHistory h : fold.tasks().values()) {
      Map<String, String> vars = new LinkedHashMap<>(h.vars.toMap());
      vars.put(REASON, h.reason);
      vars.put(EFFECT_SEQ, Long.toString(h.maxEffectSeq));
      if (h.last != null) {
        vars.put(LAST_FROM, h.last.from());
        vars.put(LAST_EVENT, h.last.event());
      }
      if (!h.open.isEmpty()) {
        StringJoiner j = new StringJoiner(",");
        for (EffectIntent i : h.open.values()) {
          j.add(i.effectSeq() + ":" + i.effect() + ":" + i.attempt());
        }
        vars.put(HistoryFold.OPEN_INTENTS_VAR, j.toString());
      }
      ManagerAck ack = acks.get(h.spec.taskId());
      if (ack != null && !ack.error().isEmpty()) {
        vars.put(ACK_ERROR, ack.error());
      }
      out.add(new Checkpoint.TaskSnapshot(h.spec.taskId(), h.vars.attempt, h.state, h.desired,
          h.containerId, h.updatedAtMillis, h.spec, vars, ack == null ? "" : ack.actualState()));
    }
    return new Checkpoint(lastTimeMillis, nodeId, out);
  }
}
