package io.warren.task.engine;

import io.warren.journal.Checkpoint;
import io.warren.journal.EffectIntent;
import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
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
 * The journal as the engine writes to it, folded as it goes, so a checkpoint is exactly the state
 * the records before it describe.
 *
 * <p>Why not ask the task runners for their state? A checkpoint is written inside some append; a
 * runner on another lane may have appended a transition a moment earlier and not yet published
 * its new state, and a checkpoint built from runners would then silently drop that transition on
 * the next replay. Here the fold is updated under the same lock, before the append, on every
 * record, so the fold always covers every record the journal holds when it asks for a checkpoint
 * ({@link #snapshot()}, registered as the journal's checkpoint supplier).
 */
public final class CheckpointSource implements JournalWriter {
  /** Snapshot var keys (beyond {@link TaskVars#toMap()}). */
  static final String REASON = "reason";
  static final String EFFECT_SEQ = "effectSeq";
  static final String LAST_FROM = "lastFrom";
  static final String LAST_EVENT = "lastEvent";
  static final String ACK_ERROR = "lastAckError";

  private final JournalWriter journal;
  private final HistoryFold fold;
  private final String nodeId;
  private final Map<String, ManagerAck> acks = new HashMap<>();
  private long lastTimeMillis;

  public CheckpointSource(JournalWriter journal, String initialState, String nodeId) {
    this.journal = journal;
    this.fold = new HistoryFold(initialState);
    this.nodeId = nodeId;
  }

  /** Seeds the fold with what replay read (the last checkpoint and the records after it). */
  public synchronized void seed(Iterable<? extends JournalRecord> replayed) {
    for (JournalRecord r : replayed) {
      fold(r);
    }
  }

  @Override
  public synchronized long append(JournalRecord record) {
    // Fold first: the journal may call snapshot() from inside this append, and the snapshot must
    // include this record. If the append then fails, the worker fails stop and this fold is gone.
    fold(record);
    return journal.append(record);
  }

  private void fold(JournalRecord record) {
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
  public synchronized List<ManagerAck> acknowledged() {
    return List.copyOf(acks.values());
  }

  /** Every task the records describe, as one Checkpoint. Called by the journal when one is due. */
  public synchronized Checkpoint snapshot() {
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
