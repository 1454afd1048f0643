package io.warren.recovery;

import java.util.List;

/**
 * One task as the replayed journal left it: the input recovery reconciles with containerd.
 *
 * @param attempt the current attempt; containers of lower attempts are superseded
 * @param containerId the current attempt's deterministic container id
 * @param expectation what the task's state says about its current container
 * @param openIntents effects whose intent was journaled without an outcome, oldest first
 */
public record JournaledTask(String taskId, int attempt, String state, String containerId,
    Expectation expectation, List<OpenIntent> openIntents) {

  public JournaledTask {
    openIntents = openIntents == null ? List.of() : List.copyOf(openIntents);
  }

  /** What the journaled state implies for the current attempt's container. */
  public enum Expectation {
    /** No container should exist (before create, or after remove, or terminal). */
    NONE,
    /** A container exists, its task not started yet (created / starting). */
    CREATED,
    /** Its task runs (running, health states). */
    RUNNING,
    /** Its task has exited or is being stopped; the container awaits removal. */
    EXITED
  }

  /** An effect that may or may not have happened. */
  public record OpenIntent(long effectSeq, String effect, String containerId) {}
}
