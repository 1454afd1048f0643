package io.warren.recovery;

import io.warren.runtime.ExitStatus;
import java.util.Map;

/**
 * One finding of reconciliation: what containerd says about a journaled fact. The engine applies
 * task resolutions; the reaper carries out {@link Reap}s. Sealed so every caller handles each case.
 */
public sealed interface Resolution {

  /**
   * An open intent answered by containerd.
   *
   * @param tookEffect true if containerd shows the effect happened (journal ALREADY_DONE), false
   *     if it did not (the engine may now perform it, knowing it is not a duplicate)
   */
  record IntentResolved(String taskId, long effectSeq, String effect, boolean tookEffect,
      Map<String, String> details) implements Resolution {}

  /** The task's container still runs: keep it, same container, same PID, and wait on it again. */
  record Reattach(String taskId, String containerId, int pid) implements Resolution {}

  /** The task's container exited while the worker was down; its real exit status. */
  record ExitedWhileDown(String taskId, String containerId, ExitStatus exit) implements Resolution {}

  /** The journal says the container exists but containerd has no trace of it. */
  record Vanished(String taskId, String containerId) implements Resolution {}

  /** A container in our namespace to stop and remove, and why. */
  record Reap(String containerId, String taskId, String reason) implements Resolution {}
}
