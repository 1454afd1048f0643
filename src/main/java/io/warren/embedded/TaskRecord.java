package io.warren.embedded;

import com.google.protobuf.Timestamp;
import io.warren.api.v1.Container;
import io.warren.api.v1.Service;

/**
 * The manager's record of one task ("container" in Warren's API). Desired state is persisted
 * through events; actual state, runtime id and error come from the worker and live in memory.
 * Guarded by the {@link ManagerStore} lock.
 */
final class TaskRecord {
  final String id;
  final String nodeId;
  final Service spec;
  final long createdAtMillis;
  String desired = "running";
  String actual = "pending";
  String runtimeId = "";
  String error = "";
  long updatedAtMillis;
  /** When the task became terminal or was given up (0 while live): drives record removal. */
  long finishedAtMillis;
  boolean unhealthy;

  TaskRecord(String id, String nodeId, Service spec, long createdAtMillis) {
    this.id = id;
    this.nodeId = nodeId;
    this.spec = spec;
    this.createdAtMillis = createdAtMillis;
    this.updatedAtMillis = createdAtMillis;
  }

  String serviceId() {
    return spec.getId();
  }

  boolean desiredRunning() {
    return "running".equals(desired);
  }

  boolean terminal() {
    return "complete".equals(actual) || "failed".equals(actual);
  }

  /** Everything the service says, including what Warren's manager drops (command, volumes, ...). */
  Container toProto() {
    Container.Builder b = Container.newBuilder()
        .setId(id)
        .setServiceId(spec.getId())
        .setServiceName(spec.getName())
        .setNodeId(nodeId)
        .setRuntimeContainerId(runtimeId)
        .setDesiredState(desired)
        .setActualState(actual)
        .setImage(spec.getImage())
        .addAllCommand(spec.getCommandList())
        .putAllEnv(spec.getEnvMap())
        .addAllVolumes(spec.getVolumesList())
        .setCreatedAt(ts(createdAtMillis))
        .setUpdatedAt(ts(updatedAtMillis))
        .setError(error)
        .addAllSecrets(spec.getSecretsList())
        .setStopTimeout(spec.getStopTimeout())
        .addAllPorts(spec.getPortsList());
    if (spec.hasResources()) {
      b.setResources(spec.getResources());
    }
    if (spec.hasHealthCheck()) {
      b.setHealthCheck(spec.getHealthCheck());
    }
    if (spec.hasRestartPolicy()) {
      b.setRestartPolicy(spec.getRestartPolicy());
    }
    return b.build();
  }

  static Timestamp ts(long millis) {
    return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000))
        .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
  }
}
