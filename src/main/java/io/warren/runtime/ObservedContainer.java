package io.warren.runtime;

import java.util.Map;

/**
 * A container as the runtime reports it: what recovery reconciles against the journal.
 *
 * @param pid the task's PID, 0 if there is no task
 * @param exit set when {@code status == STOPPED}
 */
public record ObservedContainer(String containerId, Map<String, String> labels, TaskStatus status,
    int pid, ExitStatus exit) {

  public ObservedContainer {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public String taskId() {
    return labels.getOrDefault(ContainerLabels.TASK, "");
  }

  public int attempt() {
    String a = labels.get(ContainerLabels.ATTEMPT);
    try {
      return a == null ? 0 : Integer.parseInt(a);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The state of the container's task (containerd's task status, plus "no task"). */
  public enum TaskStatus {
    NO_TASK,
    CREATED,
    RUNNING,
    PAUSED,
    STOPPED,
    UNKNOWN
  }
}
