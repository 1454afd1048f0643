package io.warren.task;

import java.util.Locale;

/** What the manager wants of a task. Wire strings are Warren's: {@code running}, {@code shutdown}. */
public enum DesiredState {
  RUNNING("running"),
  SHUTDOWN("shutdown");

  private final String wire;

  DesiredState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** @throws IllegalArgumentException naming the field and value for anything else */
  public static DesiredState parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "running" -> RUNNING;
      case "shutdown" -> SHUTDOWN;
      default -> throw new IllegalArgumentException(
          "desired_state: unknown value '" + value + "' (expected running or shutdown)");
    };
  }
}
