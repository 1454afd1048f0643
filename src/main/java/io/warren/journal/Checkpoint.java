package io.warren.journal;

import io.warren.task.TaskSpec;
import java.util.List;
import java.util.Map;

/**
 * The state of every live task at one instant. Replay starts at the last checkpoint; journal
 * cycles wholly before it may be deleted.
 */
public record Checkpoint(long timeMillis, String nodeId, List<TaskSnapshot> tasks)
    implements JournalRecord {

  public Checkpoint {
    nodeId = nodeId == null ? "" : nodeId;
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /**
   * One task's state.
   *
   * @param vars the machine's extended state (restart count, last exit, health...), as strings
   * @param lastAck the last status the manager acknowledged, {@code ""} if none
   */
  public record TaskSnapshot(String taskId, int attempt, String state, String desiredState,
      String containerId, long updatedAtMillis, TaskSpec spec, Map<String, String> vars,
      String lastAck) {
    public TaskSnapshot {
      vars = vars == null ? Map.of() : Map.copyOf(vars);
      containerId = containerId == null ? "" : containerId;
      lastAck = lastAck == null ? "" : lastAck;
    }
  }
}
