package io.warren.task.machine;

import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.task.RestartPolicy;
import java.time.Duration;
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
  /**
   * A start outcome's detail: when the container started, if not the outcome's own time (recovery
   * answering a start the crash cut short gives its intent's time).
   */
  public static final String STARTED_AT_MILLIS = "startedAtMillis";

  /** When the current attempt's container started (its start outcome), -1 before. */
  public long startedAtMillis = -1;
  /** Exits in a row that came less than {@link #STEADY_RUN} after their start. */
  public int quickExits;

  /**
   * The restart back-off of a policy without a delay (Docker's rule): 100 ms before the first
   * restart after a quick exit, doubled for each further quick exit in a row, at most a minute;
   * a container that ran {@link #STEADY_RUN} or longer starts the series again. Warren's
   * {@code delay_seconds} cannot tell "0" from "not set", and restarting a container that fails
   * at once without any delay would spin the node (create, start, exit, remove) as fast as it can.
   */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** A run at least this long resets the back-off. */
  static final Duration STEADY_RUN = Duration.ofSeconds(10);

  /** Folds one journal record about this task into the variables. */
  public void apply(JournalRecord record) {
    if (record instanceof TaskAssigned a) {
      RestartPolicy p = a.spec().restartPolicy();
      condition = p.condition();
      maxAttempts = p.maxAttempts();
      delaySeconds = p.delaySeconds();
    } else if (record instanceof Transition t) {
      attempt = t.attempt();
    } else if (record instanceof EffectOutcome o && o.result().succeeded()) {
      if (Effects.START.equals(o.effect())) {
        startedAtMillis = parseLong(o.details().get(STARTED_AT_MILLIS), o.timeMillis());
      } else if (Effects.WATCH.equals(o.effect())) {
        exitCode = parseInt(o.details().get("exitCode"), -1);
        oomKilled = Boolean.parseBoolean(o.details().get("oomKilled"));
        long exitedAt = parseLong(o.details().get("exitedAt"), o.timeMillis());
        boolean steady = startedAtMillis >= 0
            && exitedAt - startedAtMillis >= STEADY_RUN.toMillis();
        quickExits = steady ? 0 : quickExits + 1;
      }
    }
  }

  /**
   * How long to wait before the restart the policy wants: the policy's delay when it has one,
   * else the back-off ({@link #FIRST_BACKOFF}).
   */
  public Duration restartDelay() {
    if (delaySeconds > 0) {
      return Duration.ofSeconds(delaySeconds);
    }
    int doublings = Math.min(Math.max(quickExits - 1, 0), 16);
    Duration d = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
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
    m.put("restart.quickExits", Integer.toString(quickExits));
    m.put(STARTED_AT_MILLIS, Long.toString(startedAtMillis));
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
    v.quickExits = parseInt(m.get("restart.quickExits"), 0);
    v.startedAtMillis = parseLong(m.get(STARTED_AT_MILLIS), -1);
    return v;
  }

  public TaskVars copy() {
    return fromMap(toMap());
  }

  private static int parseInt(String s, int dflt) {
    long v = parseLong(s, dflt);
    return v == (int) v ? (int) v : dflt;
  }

  private static long parseLong(String s, long dflt) {
    if (s == null) {
      return dflt;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
