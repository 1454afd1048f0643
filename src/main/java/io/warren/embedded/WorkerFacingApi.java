package io.warren.embedded;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.warren.api.v1.Container;
import io.warren.api.v1.ContainerStatus;
import io.warren.api.v1.GetContainerRequest;
import io.warren.api.v1.GetContainerResponse;
import io.warren.api.v1.GetSecretByNameRequest;
import io.warren.api.v1.GetSecretByNameResponse;
import io.warren.api.v1.GetVolumeByNameRequest;
import io.warren.api.v1.GetVolumeByNameResponse;
import io.warren.api.v1.HeartbeatRequest;
import io.warren.api.v1.HeartbeatResponse;
import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.ListContainersResponse;
import io.warren.api.v1.Node;
import io.warren.api.v1.RegisterNodeRequest;
import io.warren.api.v1.RegisterNodeResponse;
import io.warren.api.v1.ReportContainerHealthRequest;
import io.warren.api.v1.RequestCertificateRequest;
import io.warren.api.v1.RequestCertificateResponse;
import io.warren.api.v1.Secret;
import io.warren.api.v1.UpdateContainerStatusRequest;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The RPCs a worker calls: joining, registration, heartbeats, task listing and status reports. */
final class WorkerFacingApi {
  private static final Logger log = LoggerFactory.getLogger(WorkerFacingApi.class);
  private static final Set<String> ACTUAL = Set.of("pending", "running", "failed", "complete");

  private final ManagerStore store;
  private final CertificateAuthority ca;
  private final JoinTokens tokens;
  private final Runnable kick;

  WorkerFacingApi(ManagerStore store, CertificateAuthority ca, JoinTokens tokens, Runnable kick) {
    this.store = store;
    this.ca = ca;
    this.tokens = tokens;
    this.kick = kick;
  }

  RequestCertificateResponse requestCertificate(RequestCertificateRequest r) {
    String nodeId = AdminValidation.name("node_id", r.getNodeId());
    var token = tokens.validate(r.getToken()).orElseThrow(() -> Status.UNAUTHENTICATED
        .withDescription("token: invalid or expired join token").asRuntimeException());
    if (ca == null) {
      throw Status.FAILED_PRECONDITION.withDescription("this manager runs without TLS: no certificates")
          .asRuntimeException();
    }
    var issued = ca.issue(token.role() + "-" + nodeId, List.of(), List.of());
    log.info("issued a {} certificate for node {}", token.role(), nodeId);
    return RequestCertificateResponse.newBuilder()
        .setCertificate(ByteString.copyFrom(issued.certificatePem()))
        .setPrivateKey(ByteString.copyFrom(issued.keyPem()))
        .setCaCert(ByteString.copyFrom(ca.certificatePem()))
        .build();
  }

  RegisterNodeResponse registerNode(RegisterNodeRequest r) {
    String id = AdminValidation.name("id", r.getId());
    String role = AdminValidation.role(r.getRole());
    if (!r.hasResources()) {
      throw ApiException.invalid("resources: required (cpu_cores, memory_bytes, disk_bytes)");
    }
    var res = r.getResources();
    if (res.getCpuCores() < 0 || res.getMemoryBytes() < 0 || res.getDiskBytes() < 0) {
      throw ApiException.invalid("resources: values must be >= 0");
    }
    Node node;
    synchronized (store) {
      NodeRecord existing = store.nodes.get(id);
      long created = existing == null ? store.now()
          : existing.registration.getCreatedAt().getSeconds() * 1000;
      node = Node.newBuilder().setId(id).setRole(role).setAddress(r.getAddress())
          .setOverlayIp("10.0.0.1").setResources(res).putAllLabels(r.getLabelsMap())
          .setCreatedAt(TaskRecord.ts(created)).build();
      store.emit(new ManagerEvent.NodeRegistered(node.toByteArray()));
      NodeRecord rec = store.nodes.get(id);
      rec.lastHeartbeatMillis = store.now();
      rec.status = "ready";
      node = rec.toProto();
    }
    log.info("node {} registered ({} cpu, {} bytes memory)", id, res.getCpuCores(), res.getMemoryBytes());
    kick.run();
    return RegisterNodeResponse.newBuilder().setNode(node).setOverlayIp("10.0.0.1").build();
  }

  HeartbeatResponse heartbeat(HeartbeatRequest r) {
    synchronized (store) {
      NodeRecord node = store.nodes.get(r.getNodeId());
      if (node == null) {
        throw ApiException.notFound("node not found: " + r.getNodeId());
      }
      boolean wasDown = !"ready".equals(node.status);
      node.lastHeartbeatMillis = store.now();
      node.status = "ready";
      if (wasDown) {
        log.info("node {} is ready again", node.id());
      }
      for (ContainerStatus s : r.getContainerStatusesList()) {
        TaskRecord t = store.tasks.get(s.getContainerId());
        if (t != null && t.nodeId.equals(node.id()) && ACTUAL.contains(s.getActualState())) {
          report(t, s.getActualState(), s.getRuntimeContainerId(), s.getError());
        }
      }
    }
    kick.run();
    return HeartbeatResponse.newBuilder().setStatus("ok").build();
  }

  void updateContainerStatus(UpdateContainerStatusRequest r) {
    if (!ACTUAL.contains(r.getActualState())) {
      throw ApiException.invalid("actual_state: unknown value '" + r.getActualState()
          + "' (expected pending, running, failed or complete)");
    }
    synchronized (store) {
      TaskRecord t = store.tasks.get(r.getContainerId());
      if (t == null) {
        throw ApiException.notFound("container not found: " + r.getContainerId());
      }
      report(t, r.getActualState(), r.getRuntimeContainerId(), r.getError());
    }
    kick.run();
  }

  private void report(TaskRecord t, String actual, String runtimeId, String error) {
    if (!actual.equals(t.actual) || !error.equals(t.error) || !runtimeId.equals(t.runtimeId)) {
      t.actual = actual;
      t.runtimeId = runtimeId;
      t.error = error;
      t.updatedAtMillis = store.now();
    }
    if (t.terminal() && t.finishedAtMillis == 0 && !t.desiredRunning()) {
      t.finishedAtMillis = store.now();
    }
  }

  ListContainersResponse listContainers(ListContainersRequest r) {
    ListContainersResponse.Builder b = ListContainersResponse.newBuilder();
    synchronized (store) {
      for (TaskRecord t : store.tasks.values()) {
        boolean match = !r.getServiceId().isEmpty() ? t.serviceId().equals(r.getServiceId())
            : r.getNodeId().isEmpty() || t.nodeId.equals(r.getNodeId());
        if (match) {
          b.addContainers(t.toProto());
        }
      }
    }
    return b.build();
  }

  GetContainerResponse getContainer(GetContainerRequest r) {
    synchronized (store) {
      TaskRecord t = store.tasks.get(r.getId());
      if (t == null) {
        throw ApiException.notFound("container not found: " + r.getId());
      }
      Container c = t.toProto();
      return GetContainerResponse.newBuilder().setContainer(c).build();
    }
  }

  void reportHealth(ReportContainerHealthRequest r) {
    synchronized (store) {
      TaskRecord t = store.tasks.get(r.getContainerId());
      if (t == null) {
        throw ApiException.notFound("container not found: " + r.getContainerId());
      }
      t.unhealthy = !r.getHealthy();
      if (t.unhealthy && t.desiredRunning() && "running".equals(t.actual)) {
        t.actual = "failed";
        t.error = "health check failed: " + r.getMessage();
        t.updatedAtMillis = store.now();
      }
    }
    kick.run();
  }

  GetSecretByNameResponse secretByName(GetSecretByNameRequest r) {
    var s = store.secretByIdOrName(r.getName())
        .filter(x -> x.name().equals(r.getName()))
        .orElseThrow(() -> ApiException.notFound("secret not found: " + r.getName()));
    return GetSecretByNameResponse.newBuilder().setSecret(Secret.newBuilder()
        .setId(s.id()).setName(s.name()).setCreatedAt(TaskRecord.ts(s.createdAtMillis()))
        .setData(ByteString.copyFrom(s.ciphertext()))).build();
  }

  GetVolumeByNameResponse volumeByName(GetVolumeByNameRequest r) {
    var v = store.volumeByIdOrName(r.getName())
        .filter(x -> x.getName().equals(r.getName()))
        .orElseThrow(() -> ApiException.notFound("volume not found: " + r.getName()));
    return GetVolumeByNameResponse.newBuilder().setVolume(v).build();
  }
}
