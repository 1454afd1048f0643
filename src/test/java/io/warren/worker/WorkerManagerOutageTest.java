package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.testing.LocalCluster;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.ActualState;
import io.warren.task.TaskStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole daemon with the manager side changing while one of the two is away: a service removed
 * while the worker is down is stopped and its container removed on restart (the other keeps its
 * PID); the manager down for a while and back on the same address: tasks kept running and the
 * manager's view converges to running again.
 */
@Tag("slow")
class WorkerManagerOutageTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  private EmbeddedManager manager;
  private Worker worker;

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
    if (manager != null) {
      manager.close();
    }
    ContainerdExtension.cleanNamespace(containerd.connection());
  }

  private EmbeddedManager startManager(String listen) {
    return LocalCluster.startManager(dir, listen);
  }

  private Worker newWorker() {
    Worker w = LocalCluster.worker(dir, manager, containerd, false);
    w.start();
    return w;
  }

  private void createService(String name, String image) {
    LocalCluster.createSleeper(manager.address().toString(), name, image, "--stop-timeout", "1s");
  }

  private long runningTasks() {
    return LocalCluster.running(worker).size();
  }

  @Test
  void serviceRemovedWhileWorkerDownIsStoppedOnRestart() throws Exception {
    String image = containerd.busybox();
    ContainerdRuntime rt = containerd.runtime();
    manager = startManager("127.0.0.1:0");
    worker = newWorker();
    createService("keep", image);
    createService("gone", image);
    await().atMost(Duration.ofSeconds(60)).until(() -> runningTasks() == 2);
    Map<String, Integer> before = LocalCluster.runningPids(rt.listOwned());
    String goneTask = ps(manager.address().toString()).stream()
        .filter(t -> t.path("service").asText().equals("gone")).findFirst().orElseThrow()
        .path("id").asText();

    worker.close();
    worker = null;
    assertEquals(0, WarrenMain.run("service", "rm", "gone", "--manager",
        manager.address().toString()));
    worker = newWorker();

    await().atMost(Duration.ofSeconds(60)).until(() -> rt.listOwned().stream()
        .noneMatch(c -> c.taskId().equals(goneTask)));
    await().atMost(Duration.ofSeconds(30)).until(() -> worker.engine().statuses().stream()
        .anyMatch(s -> s.taskId().equals(goneTask) && s.machineState().equals("removed")));
    Map<String, Integer> after = LocalCluster.runningPids(rt.listOwned());
    assertEquals(1, after.size(), after.toString());
    String kept = after.keySet().iterator().next();
    assertEquals(before.get(kept), after.get(kept), "the other service's container kept its PID");
  }

  @Test
  void managerDownThenBackTasksKeepRunningAndStatusesConverge() throws Exception {
    String image = containerd.busybox();
    ContainerdRuntime rt = containerd.runtime();
    manager = startManager("127.0.0.1:0");
    String address = manager.address().toString();
    worker = newWorker();
    LocalCluster.createSleeper(address, "web", image, "--replicas", "2");
    await().atMost(Duration.ofSeconds(60)).until(() -> runningTasks() == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> managerStates(address)
        .equals(List.of("running", "running")));
    Map<String, Integer> before = LocalCluster.runningPids(rt.listOwned());

    manager.close();
    manager = null;
    // The worker keeps its tasks while the manager is away (several heartbeat periods).
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> runningTasks() == 2 && LocalCluster.runningPids(rt.listOwned()).equals(before));

    manager = startManager(address);
    EmbeddedManager back = manager;
    // The worker's session found the manager again on its own (calls from the worker arrive).
    await().atMost(Duration.ofSeconds(30)).until(() -> back.callLog().methods().stream()
        .anyMatch(m -> m.equals("Heartbeat") || m.equals("RegisterNode")));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> managerStates(address).equals(List.of("running", "running")));
    assertEquals(before, LocalCluster.runningPids(rt.listOwned()), "no container restarted");
    List<TaskStatus> statuses = worker.engine().statuses();
    assertTrue(statuses.stream().allMatch(s -> s.attempt() == 1
        && s.actualState() == ActualState.RUNNING), statuses.toString());
  }

  /** Actual states of the manager's tasks that want to run, via `warren ps --json`. */
  private static List<String> managerStates(String address) throws Exception {
    List<String> states = new ArrayList<>();
    for (JsonNode t : ps(address)) {
      if (t.path("desiredState").asText().equals("running")) {
        states.add(t.path("actualState").asText());
      }
    }
    return states;
  }

  private static List<JsonNode> ps(String address) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("ps", "--json", "--manager", address));
    List<JsonNode> tasks = new ArrayList<>();
    new ObjectMapper().readTree(out.toString()).forEach(tasks::add);
    return tasks;
  }
}
