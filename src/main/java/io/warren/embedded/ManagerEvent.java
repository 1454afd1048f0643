package io.warren.embedded;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change to the manager's desired state. The events are the persisted truth: the in-memory
 * {@link ClusterState} is their fold, rebuilt on start by replaying {@link ManagerLog}. Resources
 * travel as encoded protobuf (the Warren API schema), so adding a field never breaks old logs.
 *
 * <p>Actual states and heartbeats are not events: workers report them again within seconds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ManagerEvent.ServicePut.class, name = "ServicePut"),
    @JsonSubTypes.Type(value = ManagerEvent.ServiceDeleted.class, name = "ServiceDeleted"),
    @JsonSubTypes.Type(value = ManagerEvent.SecretCreated.class, name = "SecretCreated"),
    @JsonSubTypes.Type(value = ManagerEvent.SecretDeleted.class, name = "SecretDeleted"),
    @JsonSubTypes.Type(value = ManagerEvent.VolumePut.class, name = "VolumePut"),
    @JsonSubTypes.Type(value = ManagerEvent.VolumeDeleted.class, name = "VolumeDeleted"),
    @JsonSubTypes.Type(value = ManagerEvent.NodeRegistered.class, name = "NodeRegistered"),
    @JsonSubTypes.Type(value = ManagerEvent.NodeRemoved.class, name = "NodeRemoved"),
    @JsonSubTypes.Type(value = ManagerEvent.TaskCreated.class, name = "TaskCreated"),
    @JsonSubTypes.Type(value = ManagerEvent.TaskDesired.class, name = "TaskDesired"),
    @JsonSubTypes.Type(value = ManagerEvent.TaskRemoved.class, name = "TaskRemoved"),
})
public sealed interface ManagerEvent {

  /** A service created or updated: the whole {@code warren.v1.Service}, encoded. */
  record ServicePut(byte[] service) implements ManagerEvent {}

  record ServiceDeleted(String id) implements ManagerEvent {}

  /** {@code ciphertext} is AES-256-GCM nonce || ciphertext || tag: never the plaintext. */
  record SecretCreated(String id, String name, long createdAtMillis, byte[] ciphertext)
      implements ManagerEvent {}

  record SecretDeleted(String id) implements ManagerEvent {}

  record VolumePut(byte[] volume) implements ManagerEvent {}

  record VolumeDeleted(String id) implements ManagerEvent {}

  /** {@code node} is a {@code warren.v1.Node} without heartbeat or status. */
  record NodeRegistered(byte[] node) implements ManagerEvent {}

  record NodeRemoved(String id) implements ManagerEvent {}

  /** A task placed on a node, with the service as it was then (its spec). */
  record TaskCreated(String id, String nodeId, byte[] service, long createdAtMillis)
      implements ManagerEvent {}

  record TaskDesired(String id, String desired) implements ManagerEvent {}

  record TaskRemoved(String id) implements ManagerEvent {}
}
