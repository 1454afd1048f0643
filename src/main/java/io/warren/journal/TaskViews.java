package io.warren.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds journal entries, in order, into per-task views. Pure: no I/O, no clock; feed it any
 * stream of entries (a live journal, a fixture, a prefix up to an instant).
 */
public final class TaskViews {

  private final Map<String, Builder> tasks = new TreeMap<>();
  private long lastTimeMillis;
  private long records;

  /** Applies one entry. */
  public TaskViews apply(JournalEntry entry) {
    JournalRecord r = entry.record();
    records++;
    lastTimeMillis = Math.max(lastTimeMillis, r.timeMillis());
    long i = entry.index();
    if (r instanceof TaskAssigned a) {
      Builder b = task(a.taskId());
      b.image = a.spec().image();
      b.add(i, r, "assigned " + a.spec().image());
    } else if (r instanceof Transition t) {
      Builder b = task(t.taskId());
      b.state = t.to();
      b.attempt = t.attempt();
      b.updatedAt = t.timeMillis();
      b.add(i, r, t.from() + " -> " + t.to() + " on " + t.event()
          + (t.reason().isEmpty() ? "" : " (" + t.reason() + ")"));
    } else if (r instanceof EffectIntent e) {
      Builder b = task(e.taskId());
      b.openIntents.put(e.effectSeq(), e);
      if (!e.containerId().isEmpty()) {
        b.containerId = e.containerId();
      }
      b.add(i, r, "intent #" + e.effectSeq() + " " + e.effect() + suffix(e.containerId()));
    } else if (r instanceof EffectOutcome o) {
      Builder b = task(o.taskId());
      b.openIntents.remove(o.effectSeq());
      if (!o.containerId().isEmpty()) {
        b.containerId = o.containerId();
      }
      b.add(i, r, "outcome #" + o.effectSeq() + " " + o.effect() + suffix(o.containerId()) + ": "
          + o.result() + (o.error().isEmpty() ? "" : " (" + o.error() + ")"));
    } else if (r instanceof ManagerAck m) {
      task(m.taskId()).add(i, r, "manager acknowledged " + m.actualState());
    } else if (r instanceof Reap p) {
      if (!p.taskId().isEmpty()) {
        task(p.taskId()).add(i, r, (p.dryRun() ? "would reap " : "reaped ") + p.containerId()
            + ": " + p.reason());
      }
    } else if (r instanceof Checkpoint c) {
      applyCheckpoint(i, c);
    }
    return this;
  }

  /** A checkpoint lists every live task: they take its state; tasks it omits were dropped. */
  private void applyCheckpoint(long index, Checkpoint c) {
    Map<String, Builder> kept = new TreeMap<>();
    for (Checkpoint.TaskSnapshot s : c.tasks()) {
      Builder b = tasks.getOrDefault(s.taskId(), new Builder(s.taskId()));
      b.state = s.state();
      b.attempt = s.attempt();
      b.containerId = s.containerId();
      b.updatedAt = s.updatedAtMillis();
      if (s.spec() != null) {
        b.image = s.spec().image();
      }
      b.timeline.add(new TimelineEntry(index, c.timeMillis(), "Checkpoint",
          "checkpoint: " + s.state() + " attempt " + s.attempt(), s.state()));
      kept.put(s.taskId(), b);
    }
    tasks.clear();
    tasks.putAll(kept);
  }

  private static String suffix(String containerId) {
    return containerId.isEmpty() ? "" : " " + containerId;
  }

  private Builder task(String id) {
    return tasks.computeIfAbsent(id, Builder::new);
  }

  /** Every task, by id. */
  public List<TaskView> views() {
    List<TaskView> out = new ArrayList<>();
    for (Builder b : tasks.values()) {
      out.add(b.build());
    }
    return out;
  }

  public java.util.Optional<TaskView> view(String taskId) {
    Builder b = tasks.get(taskId);
    return b == null ? java.util.Optional.empty() : java.util.Optional.of(b.build());
  }

  /** Time of the newest record applied (the "now" of this view). */
  public long lastTimeMillis() {
    return lastTimeMillis;
  }

  public long records() {
    return records;
  }

  private static final class Builder {
    final String taskId;
    String image = "";
    String state = "";
    int attempt;
    String containerId = "";
    long updatedAt;
    final Map<Long, EffectIntent> openIntents = new LinkedHashMap<>();
    final List<TimelineEntry> timeline = new ArrayList<>();

    Builder(String taskId) {
      this.taskId = taskId;
    }

    void add(long index, JournalRecord r, String what) {
      timeline.add(new TimelineEntry(index, r.timeMillis(), r.type(), what, state));
    }

    TaskView build() {
      return new TaskView(taskId, image, state, attempt, containerId, updatedAt,
          Map.copyOf(openIntents), List.copyOf(timeline));
    }
  }
}
