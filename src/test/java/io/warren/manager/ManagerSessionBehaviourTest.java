package io.warren.manager;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.api.v1.Container;
import io.warren.api.v1.ResourceRequirements;
import io.warren.api.v1.RestartPolicy;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session rules that need a manager saying odd things: bad records, failed listings, acks. */
class ManagerSessionBehaviourTest {
  @TempDir Path dataDir;
  ScriptedManager manager;
  ManagerClient client;
  ManagerSession session;
  final FakeTaskControl tasks = new FakeTaskControl();

  @BeforeEach
  void setUp() throws Exception {
    manager = new ScriptedManager();
    WorkerConfig config = WorkerConfig.builder().nodeId("w1").plaintext(true)
        .managerAddress("127.0.0.1:" + manager.port()).dataDir(dataDir).build();
    client = ManagerClient.connect(config, Duration.ofSeconds(2));
    session = new ManagerSession(client, tasks, ManagerSessionTlsTest.FAST, Clock.systemUTC(),
        new Random(1), AckJournal.NONE);
  }

  @AfterEach
  void tearDown() {
    session.close();
    client.close();
    manager.close();
  }

  static Container running(String id, String image) {
    return Container.newBuilder().setId(id).setNodeId("w1").setDesiredState("running")
        .setActualState("pending").setImage(image).build();
  }

  @Test
  void registrationAlwaysCarriesResources() {
    session.start();
    await().until(() -> !manager.registrations.isEmpty());
    var r = manager.registrations.get(0);
    assertEquals("worker", r.getRole());
    assertTrue(r.hasResources());
    assertTrue(r.getResources().getCpuCores() > 0, "detected CPU cores");
    assertTrue(r.getResources().getMemoryBytes() > 0, "detected memory");
    assertTrue(r.getResources().getDiskBytes() > 0, "detected disk of the data dir");
  }

  @Test
  void badRecordsFromTheManagerFailTheirTaskAndTheLoopCarriesOn() {
    manager.listing = List.of(
        running("good", "registry.local/demo:1"),
        running("spaces", "bad image ref"),
        running("negative", "registry.local/demo:1").toBuilder()
            .setResources(ResourceRequirements.newBuilder().setMemoryBytes(-5)).build(),
        running("restart", "registry.local/demo:1").toBuilder()
            .setRestartPolicy(RestartPolicy.newBuilder().setCondition("sometimes")).build(),
        running("../../etc", "registry.local/demo:1"),
        running("odd-desired", "registry.local/demo:1").toBuilder().setDesiredState("paused").build());
    session.start();

    await().until(() -> failedPush("restart") && failedPush("../../etc") && failedPush("odd-desired")
        && failedPush("spaces") && failedPush("negative"));
    assertEquals(ActualState.RUNNING, tasks.tasks.get("good").actualState());
    assertTrue(pushError("restart").contains("restart_policy.condition"), pushError("restart"));
    assertTrue(pushError("../../etc").contains("not a safe identifier"), pushError("../../etc"));
    assertTrue(pushError("spaces").contains("invalid image reference"), pushError("spaces"));
    assertFalse(tasks.specs.containsKey("restart"), "a spec that cannot be built is not assigned");
    // the loop keeps going: later heartbeats still include the rejected ones as failed
    int seen = manager.heartbeats.size();
    await().until(() -> manager.heartbeats.size() > seen + 1);
    var last = manager.heartbeats.get(manager.heartbeats.size() - 1);
    assertTrue(last.getContainerStatusesList().stream()
        .anyMatch(s -> s.getContainerId().equals("restart") && s.getActualState().equals("failed")));
  }

  @Test
  void unlistedTaskIsStoppedOnlyAfterACompleteSuccessfulListing() {
    manager.listing = List.of(running("t1", "registry.local/demo:1"));
    session.start();
    await().until(() -> tasks.tasks.containsKey("t1")
        && tasks.tasks.get("t1").actualState() == ActualState.RUNNING);

    manager.failListing = true;
    manager.listing = List.of();
    await().until(() -> session.stats().callFailures() >= 2);
    assertEquals(DesiredState.RUNNING, tasks.desired.get("t1"), "a failed listing proves nothing");

    manager.failListing = false;
    await().until(() -> tasks.desired.get("t1") == DesiredState.SHUTDOWN || tasks.forgotten.contains("t1"));
    // then, once complete and still unlisted, it is forgotten
    await().until(() -> tasks.forgotten.contains("t1"));
  }

  @Test
  void onlyUnacknowledgedStatusesAreResentAfterRestart() {
    tasks.recovered("acked", ActualState.RUNNING, "");
    tasks.recovered("changed", ActualState.FAILED, "container exited with code 2");
    manager.listing = List.of(running("acked", "registry.local/demo:1"),
        running("changed", "registry.local/demo:1"));
    session.seedAcknowledged(List.of(new AckedStatus("acked", "running", ""),
        new AckedStatus("changed", "running", "")));
    session.start();
    await().until(() -> manager.pushes.stream().anyMatch(p -> p.getContainerId().equals("changed")));
    await().until(() -> manager.heartbeats.size() >= 2);
    assertTrue(manager.pushes.stream().noneMatch(p -> p.getContainerId().equals("acked")),
        "already acknowledged: not pushed again");
    var p = manager.pushes.stream().filter(x -> x.getContainerId().equals("changed")).findFirst().get();
    assertEquals("failed", p.getActualState());
    assertEquals("container exited with code 2", p.getError());
    assertEquals("w1", p.getNodeId());
  }

  private boolean failedPush(String id) {
    return manager.pushes.stream().anyMatch(p -> p.getContainerId().equals(id)
        && p.getActualState().equals("failed") && !p.getError().isEmpty());
  }

  private String pushError(String id) {
    return manager.pushes.stream().filter(p -> p.getContainerId().equals(id)).findFirst()
        .map(p -> p.getError()).orElse("");
  }
}
