package io.warren.task.machine;

import java.util.Map;
import java.util.function.Predicate;

/** The guards a definition may name: predicates over {@link TaskVars} only (no clock, no I/O). */
public final class Guards {
  private static final Map<String, Predicate<TaskVars>> GUARDS = Map.of(
      "restart-wanted", TaskVars::restartWanted,
      "exit-ok", v -> !v.restartWanted() && v.exitCode == 0,
      "exit-failed", v -> !v.restartWanted() && v.exitCode != 0);

  private Guards() {}

  public static boolean known(String name) {
    return GUARDS.containsKey(name);
  }

  /** @throws IllegalArgumentException for an unknown name */
  public static Predicate<TaskVars> named(String name) {
    Predicate<TaskVars> g = GUARDS.get(name);
    if (g == null) {
      throw new IllegalArgumentException("unknown guard '" + name + "'");
    }
    return g;
  }
}
