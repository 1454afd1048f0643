package io.warren.task.machine;

import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.task.RestartPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task machine's extended state: everything its guards may read. It is a pure fold of journal
 * records ({@link #apply}), so live machines and replayed ones hold the same values; the engine
 * applies each record right after journaling it, replay applies it while reading. Not thread-safe:
 * owned by the task's lane.
 */
public final class TaskVars {
  /** Attempt number: 1 for the first container, +1 per restart. */
  public int attempt = 1;
  /** Exit code of the last exit, -1 before any. */
  public int exitCode = -1;
  public boolean oomKilled;
  public RestartPolicy.Condition condition = RestartPolicy.DEFAULT.condition();
  public int maxAttempts;
  public int delaySeconds;

  /** Folds one journal record about this task into the variables. */
  public void apply(JournalRecord record) {
    if (record instanceof TaskAssigned a) {
      RestartPolicy p = a.spec().restartPolicy();
      condition = p.condition();
      maxAttempts = p.maxAttempts();
      delaySeconds = p.delaySeconds();
    } else if (record instanceof Transition t) {
      attempt = t.attempt();
    } else if (record instanceof EffectOutcome o && Effects.WATCH.equals(o.effect())
        && o.result().succeeded()) {
      exitCode = parseInt(o.details().get("exitCode"), -1);
      oomKilled = Boolean.parseBoolean(o.details().get("oomKilled"));
    }
  }

  /** Whether the restart policy wants another attempt after the last exit. */
  public boolean restartWanted() {
    return new RestartPolicy(condition, maxAttempts, delaySeconds).shouldRestart(exitCode, attempt - 1);
  }

  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("attempt", Integer.toString(attempt));
    m.put("exitCode", Integer.toString(exitCode));
    m.put("oomKilled", Boolean.toString(oomKilled));
    m.put("restart.condition", condition.wire());
    m.put("restart.maxAttempts", Integer.toString(maxAttempts));
    m.put("restart.delaySeconds", Integer.toString(delaySeconds));
    return m;
  }

  /** The inverse of {@link #toMap()}; missing keys keep their defaults. */
  public static TaskVars fromMap(Map<String, String> m) {
    TaskVars v = new TaskVars();
    v.attempt = parseInt(m.get("attempt"), 1);
    v.exitCode = parseInt(m.get("exitCode"), -1);
    v.oomKilled = Boolean.parseBoolean(m.get("oomKilled"));
    if (m.containsKey("restart.condition")) {
      v.condition = RestartPolicy.Condition.parse(m.get("restart.condition"));
    }
    v.maxAttempts = parseInt(m.get("restart.maxAttempts"), 0);
    v.delaySeconds = parseInt(m.get("restart.delaySeconds"), 0);
    return v;
  }

  public TaskVars copy() {
    return fromMap(toMap());
  }

  private static int parseInt(String s, int dflt) {
    if (s == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
