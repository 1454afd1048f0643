package io.warren.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.warren.api.v1.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded manager over real loopback gRPC (plaintext): admin API, scheduling, persistence. */
class EmbeddedManagerTest {
  @TempDir Path dataDir;
  EmbeddedManager manager;
  ManagedChannel channel;
  WarrenAPIGrpc.WarrenAPIBlockingStub api;
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  void start(int port, Duration nodeDownAfter) {
    start(port, nodeDownAfter, Duration.ofMillis(200));
  }

  void start(int port, Duration nodeDownAfter, Duration restartDelay) {
    manager = new EmbeddedManager(EmbeddedManagerConfig.builder().listen("127.0.0.1:" + port)
        .dataDir(dataDir).tls(false).clusterKey(KEY).reconcileInterval(Duration.ofMillis(100))
        .nodeDownAfter(nodeDownAfter).taskRetention(Duration.ofMillis(300))
        .restartDelay(restartDelay).build()).start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", manager.address().port()).usePlaintext().build();
    api = WarrenAPIGrpc.newBlockingStub(channel);
  }

  void stop() {
    channel.shutdownNow();
    manager.close();
  }

  @AfterEach
  void tearDown() {
    if (channel != null) {
      stop();
    }
  }

  void register(String node) {
    api.registerNode(RegisterNodeRequest.newBuilder().setId(node).setRole("worker")
        .setResources(NodeResources.newBuilder().setCpuCores(2)).build());
  }

  List<Container> tasks(String node) {
    return api.listContainers(ListContainersRequest.newBuilder().setNodeId(node).build()).getContainersList();
  }

  CreateServiceRequest.Builder web() {
    return CreateServiceRequest.newBuilder().setName("web").setImage("registry.local/web:1").setReplicas(1);
  }

  void assertInvalid(String field, Consumer<CreateServiceRequest.Builder> edit) {
    CreateServiceRequest.Builder b = web();
    edit.accept(b);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> api.createService(b.build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getMessage());
    assertTrue(e.getStatus().getDescription().startsWith(field + ":"), e.getStatus().getDescription());
  }

  @Test
  void badAdminInputIsInvalidArgumentNamingTheField() {
    start(0, Duration.ofSeconds(30));
    assertInvalid("restart_policy.condition", b -> b.setRestartPolicy(RestartPolicy.newBuilder().setCondition("sometimes")));
    assertInvalid("replicas", b -> b.setReplicas(-1));
    assertInvalid("image", b -> b.setImage("nginx latest"));
    assertInvalid("name", b -> b.setName("../etc"));
    assertInvalid("name", b -> b.setName("a/b"));
    assertInvalid("resources.memory_bytes", b -> b.setResources(ResourceRequirements.newBuilder().setMemoryBytes(-1)));
    assertInvalid("stop_timeout", b -> b.setStopTimeout(-3));
    assertInvalid("volumes[0].target", b -> b.addVolumes(VolumeMount.newBuilder().setSource("data").setTarget("rel")));
    assertInvalid("ports[0].container_port", b -> b.addPorts(PortMapping.newBuilder().setContainerPort(70000)));
    assertInvalid("secrets[0]", b -> b.addSecrets("missing"));

    api.createService(web().build());
    StatusRuntimeException dup = assertThrows(StatusRuntimeException.class, () -> api.createService(web().build()));
    assertEquals(Status.Code.ALREADY_EXISTS, dup.getStatus().getCode());
    assertTrue(dup.getStatus().getDescription().startsWith("name:"));
    StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
        () -> api.getService(GetServiceRequest.newBuilder().setName("nope").build()));
    assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    StatusRuntimeException secret = assertThrows(StatusRuntimeException.class,
        () -> api.createSecret(CreateSecretRequest.newBuilder().setName("..").setData(ByteString.copyFromUtf8("x")).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, secret.getStatus().getCode());
    StatusRuntimeException noResources = assertThrows(StatusRuntimeException.class,
        () -> api.registerNode(RegisterNodeRequest.newBuilder().setId("w9").build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, noResources.getStatus().getCode());
  }

  @Test
  void replicasSpreadOverReadyNodesScaleDownAndDeleteShutDown() {
    start(0, Duration.ofSeconds(30));
    register("w1");
    register("w2");
    String id = api.createService(web().setReplicas(4).addCommand("serve").setStopTimeout(5)
        .addPorts(PortMapping.newBuilder().setContainerPort(80).setHostPort(8081)).build()).getService().getId();
    await().until(() -> tasks("w1").size() == 2 && tasks("w2").size() == 2);
    Container c = tasks("w1").get(0);
    assertEquals(List.of("serve"), c.getCommandList(), "command kept (Warren drops it)");
    assertEquals(5, c.getStopTimeout());
    assertEquals(8081, c.getPorts(0).getHostPort(), "ports extension on Container");
    assertEquals("running", c.getDesiredState());

    api.updateService(UpdateServiceRequest.newBuilder().setId(id).setReplicas(1).build());
    await().until(() -> running(tasks("w1")) + running(tasks("w2")) == 1);

    api.updateService(UpdateServiceRequest.newBuilder().setId(id).setReplicas(0).setReplicasSet(true).build());
    await().until(() -> running(tasks("w1")) + running(tasks("w2")) == 0);

    api.updateService(UpdateServiceRequest.newBuilder().setId(id).setReplicas(2).build());
    await().until(() -> running(tasks("w1")) + running(tasks("w2")) == 2);
    api.deleteService(DeleteServiceRequest.newBuilder().setId(id).build());
    await().until(() -> running(tasks("w1")) + running(tasks("w2")) == 0);
  }

  @Test
  void failedTaskIsReplacedAndSilentNodeIsDownWithTasksRescheduled() {
    start(0, Duration.ofMillis(1500));
    register("w1");
    api.createService(web().build());
    await().until(() -> beat("w1") && running(tasks("w1")) == 1);
    String first = tasks("w1").get(0).getId();
    api.updateContainerStatus(UpdateContainerStatusRequest.newBuilder().setContainerId(first)
        .setNodeId("w1").setActualState("failed").setError("exit 1").build());
    await().until(() -> beat("w1")
        && tasks("w1").stream().anyMatch(t -> !t.getId().equals(first) && t.getDesiredState().equals("running")));

    register("w2");
    // w2 keeps heartbeating, w1 goes silent
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      api.heartbeat(HeartbeatRequest.newBuilder().setNodeId("w2").build());
      return running(tasks("w1")) == 0 && running(tasks("w2")) == 1;
    });
    assertEquals("down", api.getNode(GetNodeRequest.newBuilder().setId("w1").build()).getNode().getStatus());
  }

  /**
   * A task that fails at once (an image that does not exist) is not replaced as fast as it
   * fails: its slot stays empty for the restart delay, the policy's {@code delay_seconds} or
   * else the manager's default (a minute here, so only the policy's can have let it through).
   */
  @Test
  void aFailedTaskIsReplacedOnlyAfterTheRestartDelay() {
    start(0, Duration.ofSeconds(30), Duration.ofMinutes(1));
    register("w1");
    String web = api.createService(web().build()).getService().getId();
    String quick = api.createService(web().setName("quick").setRestartPolicy(
        io.warren.api.v1.RestartPolicy.newBuilder().setCondition("on-failure").setDelaySeconds(1))
        .build()).getService().getId();
    await().until(() -> running(tasks("w1")) == 2);
    for (Container c : tasks("w1")) {
      api.updateContainerStatus(UpdateContainerStatusRequest.newBuilder().setContainerId(c.getId())
          .setNodeId("w1").setActualState("failed").setError("image not found").build());
    }
    await().until(() -> running(tasks("w1")) == 0);
    // the policy's second passes; the default's minute does not
    await().atMost(Duration.ofSeconds(10)).until(() -> tasks("w1").stream()
        .anyMatch(t -> t.getServiceId().equals(quick) && t.getDesiredState().equals("running")));
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> tasks("w1")
        .stream().noneMatch(t -> t.getServiceId().equals(web)
            && t.getDesiredState().equals("running")));
  }

  @Test
  void desiredStateSurvivesRestartAndSecretsAreEncryptedAtRest() throws Exception {
    start(0, Duration.ofSeconds(30));
    register("w1");
    api.createVolume(CreateVolumeRequest.newBuilder().setName("data").putLabels("k", "v").build());
    api.createSecret(CreateSecretRequest.newBuilder().setName("db-pass")
        .setData(ByteString.copyFromUtf8("hunter2-plaintext")).build());
    String id = api.createService(web().setReplicas(2).addSecrets("db-pass")
        .addVolumes(VolumeMount.newBuilder().setSource("data").setTarget("/data")).build()).getService().getId();
    await().until(() -> running(tasks("w1")) == 2);
    List<String> taskIds = tasks("w1").stream().map(Container::getId).sorted().toList();
    int port = manager.address().port();
    stop();

    // nothing of the plaintext on disk
    try (var files = java.nio.file.Files.walk(dataDir)) {
      for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        String content = new String(java.nio.file.Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("hunter2-plaintext"), "plaintext secret in " + p);
      }
    }

    start(port, Duration.ofSeconds(30));
    assertEquals(id, api.getService(GetServiceRequest.newBuilder().setName("web").build()).getService().getId());
    assertEquals(taskIds, tasks("w1").stream().map(Container::getId).sorted().toList(), "same tasks, not new ones");
    assertEquals("v", api.listVolumes(ListVolumesRequest.getDefaultInstance()).getVolumes(0).getLabelsOrThrow("k"));
    Secret s = api.getSecretByName(GetSecretByNameRequest.newBuilder().setName("db-pass").build()).getSecret();
    byte[] blob = s.getData().toByteArray();
    assertEquals(12 + "hunter2-plaintext".length() + 16, blob.length, "nonce(12) || ciphertext || tag(16)");
    assertArrayEquals("hunter2-plaintext".getBytes(StandardCharsets.UTF_8),
        new SecretCipher(KEY, new java.security.SecureRandom()).decrypt(blob));
    assertTrue(api.listSecrets(ListSecretsRequest.getDefaultInstance()).getSecrets(0).getData().isEmpty());
    assertTrue(manager.callLog().methods().contains("GetSecretByName"));
  }

  private boolean beat(String node) {
    api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(node).build());
    return true;
  }

  private static long running(List<Container> cs) {
    return cs.stream().filter(c -> c.getDesiredState().equals("running")).count();
  }
}
