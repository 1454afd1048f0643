package io.warren.task;

/** The task status strings Warren's manager understands ({@code ContainerStatus.actual_state}). */
public enum ActualState {
  PENDING("pending"),
  RUNNING("running"),
  FAILED("failed"),
  COMPLETE("complete");

  private final String wire;

  ActualState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
