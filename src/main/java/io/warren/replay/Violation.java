package io.warren.replay;

/**
 * A broken invariant.
 *
 * @param record 1-based position of the offending record in the replayed history
 * @param type the record's type
 * @param task the task it is about, "" for node-level records
 */
public record Violation(long record, String type, String task, String message) {
  @Override
  public String toString() {
    return "record " + record + " (" + type + (task.isEmpty() ? "" : " " + task) + "): " + message;
  }
}
