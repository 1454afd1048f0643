package io.warren.embedded;

import io.warren.api.v1.Node;

/** A registered node: its registration is persisted, its liveness is not. */
final class NodeRecord {
  Node registration;
  long lastHeartbeatMillis;
  String status = "ready";

  NodeRecord(Node registration, long lastHeartbeatMillis) {
    this.registration = registration;
    this.lastHeartbeatMillis = lastHeartbeatMillis;
  }

  String id() {
    return registration.getId();
  }

  boolean schedulable() {
    String role = registration.getRole();
    return "ready".equals(status) && ("worker".equals(role) || "hybrid".equals(role));
  }

  Node toProto() {
    return registration.toBuilder()
        .setStatus(status)
        .setLastHeartbeat(TaskRecord.ts(lastHeartbeatMillis))
        .build();
  }
}
