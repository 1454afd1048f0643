package io.warren.manager;

/**
 * Told each time the manager accepted a task status (a heartbeat or UpdateContainerStatus that
 * carried it returned OK). The daemon journals a {@code ManagerAck} here, so that after a restart
 * {@link ManagerSession#seedAcknowledged} lets only unacknowledged statuses be resent.
 *
 * <p>Called on the session thread; it may block briefly (a journal append).
 */
@FunctionalInterface
public interface AckJournal {
  AckJournal NONE = (taskId, actualState, error) -> { };

  void acked(String taskId, String actualState, String error);
}
