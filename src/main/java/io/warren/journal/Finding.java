package io.warren.journal;

/**
 * Something {@link JournalVerifier} found.
 *
 * @param index where, -1 for the journal as a whole
 * @param taskId which task, "" if none
 * @param problem true for a violation (verify fails), false for a note (an open intent)
 */
public record Finding(long index, String taskId, String check, String message, boolean problem) {
  @Override
  public String toString() {
    return (problem ? "PROBLEM " : "note    ") + check
        + (index >= 0 ? " at index " + index : "")
        + (taskId.isEmpty() ? "" : " task " + taskId) + ": " + message;
  }
}
