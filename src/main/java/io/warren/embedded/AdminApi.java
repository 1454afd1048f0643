package io.warren.embedded;

import com.google.protobuf.Timestamp;
import io.warren.api.v1.CreateSecretRequest;
import io.warren.api.v1.CreateServiceRequest;
import io.warren.api.v1.CreateVolumeRequest;
import io.warren.api.v1.GenerateJoinTokenRequest;
import io.warren.api.v1.GenerateJoinTokenResponse;
import io.warren.api.v1.ListNodesRequest;
import io.warren.api.v1.Node;
import io.warren.api.v1.Secret;
import io.warren.api.v1.Service;
import io.warren.api.v1.UpdateServiceRequest;
import io.warren.api.v1.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin RPCs: services, secrets, volumes, nodes, join tokens. Every write is validated
 * (INVALID_ARGUMENT naming the field), checked for duplicates (ALREADY_EXISTS) and journaled
 * before it takes effect. Lookups accept an id or a name, because Warren's CLI sends names in id
 * fields (DeleteSecret, DeleteVolume, apply's UpdateService).
 */
final class AdminApi {
  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
  private static final int MAX_SECRET_BYTES = 512 * 1024;

  private final ManagerStore store;
  private final SecretCipher cipher;
  private final JoinTokens tokens;
  private final Runnable kick;

  AdminApi(ManagerStore store, SecretCipher cipher, JoinTokens tokens, Runnable kick) {
    this.store = store;
    this.cipher = cipher;
    this.tokens = tokens;
    this.kick = kick;
  }

  // ---------------------------------------------------------------- services

  Service createService(CreateServiceRequest r) {
    AdminValidation.createService(r);
    Service svc;
    synchronized (store) {
      if (store.serviceByIdOrName(r.getName()).isPresent()) {
        throw ApiException.exists("name: a service named '" + r.getName() + "' already exists");
      }
      for (int i = 0; i < r.getSecretsCount(); i++) {
        if (store.secretByIdOrName(r.getSecrets(i)).isEmpty()) {
          throw ApiException.invalid("secrets[" + i + "]: no secret named '" + r.getSecrets(i) + "'");
        }
      }
      for (int i = 0; i < r.getVolumesCount(); i++) {
        String v = r.getVolumes(i).getSource();
        if (store.volumeByIdOrName(v).isEmpty()) {
          throw ApiException.invalid("volumes[" + i + "].source: no volume named '" + v + "'");
        }
      }
      Timestamp now = TaskRecord.ts(store.now());
      Service.Builder b = Service.newBuilder()
          .setId(UUID.randomUUID().toString())
          .setName(r.getName())
          .setImage(r.getImage())
          .setReplicas(r.getReplicas())
          .setMode(r.getMode().isEmpty() ? "replicated" : r.getMode())
          .setDeployStrategy(r.getDeployStrategy().isEmpty() ? "rolling" : r.getDeployStrategy())
          .addAllNetworks(r.getNetworksList())
          .addAllVolumes(r.getVolumesList())
          .putAllEnv(r.getEnvMap())
          .addAllCommand(r.getCommandList())
          .setCreatedAt(now)
          .setUpdatedAt(now)
          .addAllPorts(r.getPortsList())
          .setStopTimeout(r.getStopTimeout())
          .addAllSecrets(r.getSecretsList());
      if (r.hasUpdateConfig()) {
        b.setUpdateConfig(r.getUpdateConfig());
      }
      if (r.hasHealthCheck()) {
        b.setHealthCheck(r.getHealthCheck());
      }
      if (r.hasRestartPolicy()) {
        b.setRestartPolicy(r.getRestartPolicy());
      }
      if (r.hasResources()) {
        b.setResources(r.getResources());
      }
      svc = b.build();
      store.emit(new ManagerEvent.ServicePut(svc.toByteArray()));
    }
    log.info("service {} created ({} replicas of {})", svc.getName(), svc.getReplicas(), svc.getImage());
    kick.run();
    return svc;
  }

  Service updateService(UpdateServiceRequest r) {
    Service updated;
    synchronized (store) {
      Service svc = service(r.getId(), "id");
      Service.Builder b = svc.toBuilder();
      if (r.getReplicasSet() || r.getReplicas() != 0) {
        if (r.getReplicas() < 0) {
          throw ApiException.invalid("replicas: must be >= 0, got " + r.getReplicas());
        }
        b.setReplicas(r.getReplicas());
      }
      if (!r.getImage().isEmpty()) {
        b.setImage(AdminValidation.image("image", r.getImage()));
      }
      if (r.getEnvCount() > 0) {
        AdminValidation.env(r.getEnvMap());
        b.clearEnv().putAllEnv(r.getEnvMap());
      }
      b.setUpdatedAt(TaskRecord.ts(store.now()));
      updated = b.build();
      store.emit(new ManagerEvent.ServicePut(updated.toByteArray()));
    }
    kick.run();
    return updated;
  }

  Service updateImage(String id, String image) {
    UpdateServiceRequest.Builder b = UpdateServiceRequest.newBuilder().setId(id);
    if (image.isEmpty()) {
      throw ApiException.invalid("image: is required");
    }
    return updateService(b.setImage(image).build());
  }

  void deleteService(String id) {
    synchronized (store) {
      Service svc = service(id, "id");
      store.emit(new ManagerEvent.ServiceDeleted(svc.getId()));
      // unlike Warren's manager, the service's tasks are shut down, not left running
      for (TaskRecord t : store.tasksOf(svc.getId())) {
        store.shutdown(t);
      }
      log.info("service {} deleted; its tasks are shutting down", svc.getName());
    }
    kick.run();
  }

  Service getService(String id, String name) {
    if (id.isEmpty() && name.isEmpty()) {
      throw ApiException.invalid("id: either id or name must be specified");
    }
    return service(id.isEmpty() ? name : id, id.isEmpty() ? "name" : "id");
  }

  List<Service> listServices() {
    synchronized (store) {
      return new ArrayList<>(store.services.values());
    }
  }

  private Service service(String idOrName, String field) {
    if (idOrName.isEmpty()) {
      throw ApiException.invalid(field + ": is required");
    }
    return store.serviceByIdOrName(idOrName)
        .orElseThrow(() -> ApiException.notFound("service not found: " + idOrName));
  }

  // ---------------------------------------------------------------- secrets

  Secret createSecret(CreateSecretRequest r) {
    AdminValidation.name("name", r.getName());
    if (r.getData().isEmpty()) {
      throw ApiException.invalid("data: a secret cannot be empty");
    }
    if (r.getData().size() > MAX_SECRET_BYTES) {
      throw ApiException.invalid("data: " + r.getData().size() + " bytes is over the limit of "
          + MAX_SECRET_BYTES);
    }
    ManagerEvent.SecretCreated e;
    synchronized (store) {
      if (store.secretByIdOrName(r.getName()).isPresent()) {
        throw ApiException.exists("name: a secret named '" + r.getName() + "' already exists");
      }
      e = new ManagerEvent.SecretCreated(UUID.randomUUID().toString(), r.getName(), store.now(),
          cipher.encrypt(r.getData().toByteArray()));
      store.emit(e);
    }
    log.info("secret {} created", r.getName());
    return secretMeta(e);
  }

  void deleteSecret(String idOrName) {
    synchronized (store) {
      var s = store.secretByIdOrName(idOrName)
          .orElseThrow(() -> ApiException.notFound("secret not found: " + idOrName));
      for (Service svc : store.services.values()) {
        if (svc.getSecretsList().contains(s.name())) {
          throw ApiException.precondition("secret '" + s.name() + "' is used by service '"
              + svc.getName() + "'");
        }
      }
      store.emit(new ManagerEvent.SecretDeleted(s.id()));
    }
  }

  List<Secret> listSecrets() {
    synchronized (store) {
      return store.secrets.values().stream().map(AdminApi::secretMeta).toList();
    }
  }

  /** A secret without its data: only GetSecretByName carries the ciphertext. */
  private static Secret secretMeta(ManagerEvent.SecretCreated s) {
    return Secret.newBuilder().setId(s.id()).setName(s.name())
        .setCreatedAt(TaskRecord.ts(s.createdAtMillis())).build();
  }

  // ---------------------------------------------------------------- volumes

  Volume createVolume(CreateVolumeRequest r) {
    AdminValidation.name("name", r.getName());
    String driver = r.getDriver().isEmpty() ? "local" : r.getDriver();
    if (!driver.equals("local")) {
      throw ApiException.invalid("driver: unknown value '" + r.getDriver() + "' (only 'local')");
    }
    Volume v;
    synchronized (store) {
      if (store.volumeByIdOrName(r.getName()).isPresent()) {
        throw ApiException.exists("name: a volume named '" + r.getName() + "' already exists");
      }
      v = Volume.newBuilder().setId(UUID.randomUUID().toString()).setName(r.getName())
          .setDriver(driver).putAllDriverOpts(r.getDriverOptsMap()).putAllLabels(r.getLabelsMap())
          .setCreatedAt(TaskRecord.ts(store.now())).build();
      store.emit(new ManagerEvent.VolumePut(v.toByteArray()));
    }
    return v;
  }

  void deleteVolume(String idOrName) {
    synchronized (store) {
      Volume v = store.volumeByIdOrName(idOrName)
          .orElseThrow(() -> ApiException.notFound("volume not found: " + idOrName));
      for (Service svc : store.services.values()) {
        if (svc.getVolumesList().stream().anyMatch(m -> m.getSource().equals(v.getName()))) {
          throw ApiException.precondition("volume '" + v.getName() + "' is used by service '"
              + svc.getName() + "'");
        }
      }
      store.emit(new ManagerEvent.VolumeDeleted(v.getId()));
    }
  }

  List<Volume> listVolumes() {
    synchronized (store) {
      return new ArrayList<>(store.volumes.values());
    }
  }

  // ---------------------------------------------------------------- nodes, tokens

  List<Node> listNodes(ListNodesRequest r) {
    synchronized (store) {
      return store.nodes.values().stream()
          .filter(n -> r.getRoleFilter().isEmpty() || n.registration.getRole().equals(r.getRoleFilter()))
          .map(NodeRecord::toProto).toList();
    }
  }

  Node getNode(String id) {
    synchronized (store) {
      NodeRecord n = store.nodes.get(id);
      if (n == null) {
        throw ApiException.notFound("node not found: " + id);
      }
      return n.toProto();
    }
  }

  void removeNode(String id) {
    synchronized (store) {
      if (!store.nodes.containsKey(id)) {
        throw ApiException.notFound("node not found: " + id);
      }
      store.emit(new ManagerEvent.NodeRemoved(id));
    }
    kick.run();
  }

  GenerateJoinTokenResponse generateJoinToken(GenerateJoinTokenRequest r) {
    String role = r.getRole().isEmpty() ? "worker" : r.getRole();
    if (!role.equals("worker") && !role.equals("manager")) {
      throw ApiException.invalid("role: unknown value '" + r.getRole() + "' (expected worker or manager)");
    }
    var t = tokens.generate(role);
    return GenerateJoinTokenResponse.newBuilder().setToken(t.value()).setRole(t.role())
        .setExpiresAt(TaskRecord.ts(t.expiresAt().toEpochMilli())).build();
  }
}
