package io.warren.journal;

import java.util.Map;

/**
 * What a side effect did.
 *
 * @param details effect-specific results (for example {@code pid}, {@code exitCode}, {@code digest});
 *     never secret values
 */
public record EffectOutcome(long timeMillis, String taskId, int attempt, long effectSeq,
    String effect, String containerId, Result result, String error, Map<String, String> details)
    implements JournalRecord {

  public EffectOutcome {
    error = error == null ? "" : error;
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public enum Result {
    /** The effect was performed now. */
    OK,
    /** The effect had already been performed (idempotent replay of a call); not a failure. */
    ALREADY_DONE,
    /** Failed; retrying later may succeed. */
    FAILED_TEMPORARY,
    /** Failed; retrying will not help. */
    FAILED_FATAL;

    public boolean succeeded() {
      return this == OK || this == ALREADY_DONE;
    }
  }
}
