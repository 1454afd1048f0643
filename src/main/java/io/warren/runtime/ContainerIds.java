package io.warren.runtime;

import java.util.regex.Pattern;

/**
 * Deterministic container ids: a pure function of (task, attempt), so recovery can ask containerd
 * whether an effect whose outcome was never journaled took place.
 */
public final class ContainerIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private ContainerIds() {}

  /**
   * The container id of a task attempt: {@code <taskId>-a<attempt>}.
   *
   * @throws IllegalArgumentException naming the value when the task id is not a safe identifier
   *     (path separators, spaces, over 63 characters)
   */
  public static String of(String taskId, int attempt) {
    requireSafeTaskId(taskId);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
    return taskId + "-a" + attempt;
  }

  public static void requireSafeTaskId(String taskId) {
    if (taskId == null || !SAFE.matcher(taskId).matches()) {
      throw new IllegalArgumentException("task id '" + taskId
          + "' is not a safe identifier (letters, digits, '_', '.', '-'; at most 63 characters)");
    }
  }
}
