package io.warren.manager;

/** A status the manager has acknowledged: what {@code ManagerAck} journals. */
public record AckedStatus(String taskId, String actualState, String error) {
  public AckedStatus {
    error = error == null ? "" : error;
  }
}
