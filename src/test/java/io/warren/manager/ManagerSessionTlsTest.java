package io.warren.manager;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.warren.api.v1.Container;
import io.warren.api.v1.CreateServiceRequest;
import io.warren.api.v1.DeleteServiceRequest;
import io.warren.api.v1.GetContainerRequest;
import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.ListNodesRequest;
import io.warren.api.v1.Node;
import io.warren.api.v1.UpdateServiceRequest;
import io.warren.api.v1.WarrenAPIGrpc;
import io.warren.embedded.EmbeddedManager;
import io.warren.embedded.EmbeddedManagerConfig;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's session against a real embedded manager over loopback TCP with TLS: join with a
 * token, certificate on disk, mutual TLS for everything after; registration, heartbeats, sync,
 * status push, back-off while the manager is down and convergence after it returns.
 */
class ManagerSessionTlsTest {
  static final SessionTimings FAST = new SessionTimings(Duration.ofMillis(200), Duration.ofMillis(150),
      Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(2));

  @TempDir Path managerDir;
  @TempDir Path workerDir;

  EmbeddedManager manager;
  ManagerClient client;
  ManagerSession session;
  ManagedChannel adminChannel;
  WarrenAPIGrpc.WarrenAPIBlockingStub admin;
  final FakeTaskControl tasks = new FakeTaskControl();
  final List<String> acks = new CopyOnWriteArrayList<>();

  static Path sharedCa;

  /** One CA for the whole class: RSA key generation is the slow part of a manager's first start. */
  @org.junit.jupiter.api.BeforeAll
  static void makeCa() throws Exception {
    sharedCa = Files.createTempDirectory("warren-test-ca").resolve("ca");
    io.warren.embedded.CertificateAuthority.loadOrCreate(sharedCa, 2048, Clock.systemUTC(),
        new java.security.SecureRandom());
  }

  EmbeddedManager startManager(int port) {
    try {
      Path ca = managerDir.resolve("ca");
      if (!Files.exists(ca)) {
        Files.createDirectories(ca);
        for (String f : List.of("ca.crt", "ca.key")) {
          Files.copy(sharedCa.resolve(f), ca.resolve(f));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new EmbeddedManager(EmbeddedManagerConfig.builder()
        .listen("127.0.0.1:" + port).dataDir(managerDir).tls(true).caKeyBits(2048)
        .reconcileInterval(Duration.ofMillis(200)).nodeDownAfter(Duration.ofSeconds(30))
        .taskRetention(Duration.ofMillis(500)).build()).start();
  }

  @BeforeEach
  void setUp() {
    manager = startManager(0);
    String token = manager.generateJoinToken("worker").value();
    WorkerConfig config = WorkerConfig.builder().nodeId("w1")
        .managerAddress("localhost:" + manager.address().port()).dataDir(workerDir)
        .joinToken(token).resources(new NodeResources(2, 1L << 30, 10L << 30)).build();
    client = ManagerClient.connect(config, FAST.rpcTimeout());
    session = new ManagerSession(client, tasks, FAST, Clock.systemUTC(), new Random(7),
        (id, state, error) -> acks.add(id + ":" + state));
    openAdmin();
    session.start();
  }

  void openAdmin() {
    var issued = manager.issueClientCertificate("test");
    adminChannel = ManagerChannels.mutualTls(manager.address(), issued.certificate(), issued.key(),
        Pem.certificates(manager.caCertificatePem()), Optional.of("localhost"));
    admin = WarrenAPIGrpc.newBlockingStub(adminChannel);
  }

  @AfterEach
  void tearDown() {
    session.close();
    client.close();
    adminChannel.shutdownNow();
    manager.close();
  }

  @Test
  void joinsWithTokenKeepsPkcs1CertificatesAndRegistersWithResources() throws Exception {
    Path certs = workerDir.resolve("certs");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs)));
    for (String f : List.of("node.crt", "node.key", "ca.crt")) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(certs.resolve(f))), f);
    }
    assertTrue(Files.readString(certs.resolve("node.key"), StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN RSA PRIVATE KEY-----"), "Warren sends PKCS#1 keys");

    await().atMost(Duration.ofSeconds(10)).until(() -> session.stats().heartbeats() >= 2);
    Node node = admin.listNodes(ListNodesRequest.getDefaultInstance()).getNodes(0);
    assertEquals("w1", node.getId());
    assertEquals("worker", node.getRole());
    assertEquals("ready", node.getStatus());
    assertEquals(2, node.getResources().getCpuCores());
    assertEquals(10L << 30, node.getResources().getDiskBytes());
    List<String> calls = manager.callLog().methods();
    assertEquals("RequestCertificate", calls.get(0));
    assertEquals("RegisterNode", calls.stream().filter(m -> !m.equals("RequestCertificate"))
        .findFirst().orElseThrow());
  }

  @Test
  void callsWithoutClientCertificateAreRefused() {
    ManagedChannel insecure = ManagerChannels.joinChannel(manager.address());
    try {
      StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> WarrenAPIGrpc.newBlockingStub(insecure)
              .listNodes(ListNodesRequest.getDefaultInstance()));
      assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    } finally {
      insecure.shutdownNow();
    }
  }

  @Test
  void servicesEndToEndAssignScaleAndDelete() {
    String id = admin.createService(CreateServiceRequest.newBuilder().setName("web")
        .setImage("registry.local/demo:1").setReplicas(2).addCommand("sleep").addCommand("60")
        .setStopTimeout(7).build()).getService().getId();
    await().atMost(Duration.ofSeconds(10)).until(() -> tasks.withState(ActualState.RUNNING).size() == 2);
    // the spec carries what Warren's manager drops (command, stop timeout)
    var spec = tasks.specs.values().iterator().next();
    assertEquals(List.of("sleep", "60"), spec.command());
    assertEquals(7, spec.stopTimeoutSeconds());
    await().atMost(Duration.ofSeconds(10)).until(() -> containers(id).stream()
        .filter(c -> c.getActualState().equals("running") && !c.getRuntimeContainerId().isEmpty())
        .count() == 2);

    admin.updateService(UpdateServiceRequest.newBuilder().setId(id).setReplicas(1).build());
    await().atMost(Duration.ofSeconds(10)).until(() ->
        tasks.desired.values().stream().filter(d -> d == DesiredState.SHUTDOWN).count() == 1);
    assertEquals(1, tasks.withState(ActualState.RUNNING).size());

    admin.deleteService(DeleteServiceRequest.newBuilder().setId(id).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> tasks.withState(ActualState.RUNNING).isEmpty());
    // complete is reported until the manager drops the record; then the worker forgets the task
    await().atMost(Duration.ofSeconds(10)).until(() -> tasks.tasks.isEmpty());
    assertEquals(2, tasks.forgotten.size());
  }

  @Test
  void statusChangeIsPushedWithErrorAndFailedTaskIsReplaced() {
    String id = admin.createService(CreateServiceRequest.newBuilder().setName("job")
        .setImage("registry.local/demo:1").setReplicas(1).build()).getService().getId();
    await().atMost(Duration.ofSeconds(10)).until(() -> tasks.withState(ActualState.RUNNING).size() == 1);
    String first = tasks.withState(ActualState.RUNNING).get(0);
    long pushesBefore = session.stats().statusPushes();
    tasks.exit(first, 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Container c = admin.getContainer(GetContainerRequest.newBuilder().setId(first).build()).getContainer();
      return c.getActualState().equals("failed") && c.getError().equals("container exited with code 3");
    });
    assertTrue(session.stats().statusPushes() > pushesBefore, "pushed, not only via heartbeat");
    assertTrue(acks.contains(first + ":failed"));
    // replaced by a new task; the failed one is asked to shut down
    await().atMost(Duration.ofSeconds(10)).until(() -> tasks.withState(ActualState.RUNNING).size() == 1
        && !tasks.withState(ActualState.RUNNING).get(0).equals(first));
    assertEquals(2, containers(id).size() + tasks.forgotten.size() - (tasks.tasks.containsKey(first) ? 0 : 0),
        "one original, one replacement");
  }

  @Test
  void backsOffWhileManagerIsDownAndConvergesAfter() {
    String id = admin.createService(CreateServiceRequest.newBuilder().setName("api")
        .setImage("registry.local/demo:1").setReplicas(2).build()).getService().getId();
    await().atMost(Duration.ofSeconds(10)).until(() -> containers(id).stream()
        .filter(c -> c.getActualState().equals("running")).count() == 2);
    int port = manager.address().port();
    long registrations = session.stats().registrations();

    adminChannel.shutdownNow();
    manager.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> session.stats().callFailures() >= 3);
    SessionStats down = session.stats();
    assertFalse(down.connected());
    assertTrue(down.lastBackoffMillis() > 0 && down.lastBackoffMillis() <= 800, "capped back-off");
    // tasks keep running while the manager is away; one exits meanwhile
    assertEquals(2, tasks.withState(ActualState.RUNNING).size());
    String exited = tasks.withState(ActualState.RUNNING).get(0);
    tasks.exit(exited, 0);

    manager = startManager(port); // same port, same data dir: services and tasks recovered
    openAdmin();
    await().atMost(Duration.ofSeconds(15)).until(() -> session.stats().connected()
        && session.stats().registrations() > registrations);
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.getContainer(
        GetContainerRequest.newBuilder().setId(exited).build()).getContainer().getActualState()
        .equals("complete"));
  }

  @Test
  void adminCliTalksMutualTlsWithWrittenClientCertificate() {
    Path cli = workerDir.resolve("cli-certs");
    manager.writeClientCertificate(cli, "admin");
    await().atMost(Duration.ofSeconds(10)).until(() -> session.stats().registrations() >= 1);
    var out = new java.io.StringWriter();
    var cl = io.warren.cli.WarrenMain.newCommandLine();
    cl.setOut(new java.io.PrintWriter(out));
    int code = cl.execute("node", "ls", "--manager", "127.0.0.1:" + manager.address().port(),
        "--ca", cli.resolve("ca.crt").toString(), "--cert", cli.resolve("node.crt").toString(),
        "--key", cli.resolve("node.key").toString());
    assertEquals(0, code);
    assertTrue(out.toString().contains("w1"), out.toString());
    // without certificates, plaintext to a TLS manager fails (exit 1), it does not hang or pass
    var cl2 = io.warren.cli.WarrenMain.newCommandLine();
    cl2.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertEquals(1, cl2.execute("node", "ls", "--manager", "127.0.0.1:" + manager.address().port()));
  }

  private List<Container> containers(String serviceId) {
    return admin.listContainers(ListContainersRequest.newBuilder().setServiceId(serviceId).build())
        .getContainersList();
  }
}
