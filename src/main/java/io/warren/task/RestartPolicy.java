package io.warren.task;

import java.util.Locale;

/**
 * When a task whose container exited is started again. Warren's Go constants are
 * {@code never|on-failure|always}; its proto comments say {@code none|any}: both are accepted.
 */
public record RestartPolicy(Condition condition, int maxAttempts, int delaySeconds) {

  /** Warren's default when a service sets none: restart on failure, without a cap. */
  public static final RestartPolicy DEFAULT = new RestartPolicy(Condition.ON_FAILURE, 0, 0);

  public RestartPolicy {
    if (condition == null) {
      condition = Condition.ON_FAILURE;
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("restart_policy.max_attempts must be >= 0, got " + maxAttempts);
    }
    if (delaySeconds < 0) {
      throw new IllegalArgumentException("restart_policy.delay_seconds must be >= 0, got " + delaySeconds);
    }
  }

  /** Whether an exit with this code, after {@code restartsSoFar} restarts, leads to another start. */
  public boolean shouldRestart(int exitCode, int restartsSoFar) {
    boolean wanted = switch (condition) {
      case NEVER -> false;
      case ON_FAILURE -> exitCode != 0;
      case ALWAYS -> true;
    };
    return wanted && (maxAttempts == 0 || restartsSoFar < maxAttempts);
  }

  public enum Condition {
    NEVER("never"),
    ON_FAILURE("on-failure"),
    ALWAYS("always");

    private final String wire;

    Condition(String wire) {
      this.wire = wire;
    }

    /** The spelling Warren's manager stores. */
    public String wire() {
      return wire;
    }

    /**
     * Parses Warren's spellings; empty means the default.
     *
     * @throws IllegalArgumentException naming the field and the value for anything else
     */
    public static Condition parse(String value) {
      String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "", "on-failure", "on_failure", "onfailure" -> ON_FAILURE;
        case "never", "none", "no" -> NEVER;
        case "always", "any" -> ALWAYS;
        default -> throw new IllegalArgumentException(
            "restart_policy.condition: unknown value '" + value
                + "' (expected never|none, on-failure, always|any)");
      };
    }
  }
}
