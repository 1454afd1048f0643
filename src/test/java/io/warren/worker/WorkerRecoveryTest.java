package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.embedded.CallLog;
import io.warren.embedded.EmbeddedManager;
import io.warren.journal.Finding;
import io.warren.journal.JournalInspector;
import io.warren.recovery.RecoveryReport;
import io.warren.testing.LocalCluster;
import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.TaskStatus;
import io.warren.task.load.TaskMachineLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole worker (journal, engine, real containerd, embedded manager over real gRPC) stopped
 * and started again on the same data directory, with things changed behind its back meanwhile:
 * guarantees 2 (same container, same PID), 3 (only owned containers remain, reaps journaled),
 * 4 (an exit while down is delivered with its real code and the restart policy runs) and 5
 * (recovery completes before the first manager call).
 */
class WorkerRecoveryTest {
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
  }

  /** A manager and a worker, and service {@code name} running; returns the image it runs. */
  private String startWithRunningSleepers(String name, int replicas) throws Exception {
    String image = containerd.busybox();
    manager = LocalCluster.startManager(dir, "127.0.0.1:0");
    worker = LocalCluster.worker(dir, manager, containerd, false);
    worker.start();
    LocalCluster.createSleeper(manager.address().toString(), name, image, "--replicas",
        Integer.toString(replicas));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> LocalCluster.running(worker).size() == replicas);
    return image;
  }

  @Test
  void restartReattachesDeliversExitsWhileDownAndReapsOrphans() throws Exception {
    String image = startWithRunningSleepers("web", 2);

    ContainerdRuntime rt = containerd.runtime();
    Map<String, Integer> pidBefore = new HashMap<>();
    for (ObservedContainer c : rt.listOwned()) {
      pidBefore.put(c.containerId(), c.pid());
    }
    assertEquals(2, pidBefore.size(), "one container per task");

    // The worker stops (containers keep running) ...
    worker.close();
    worker = null;
    // ... one container exits while it is down ...
    List<String> ids = pidBefore.keySet().stream().sorted().collect(Collectors.toList());
    String survivor = ids.get(0);
    String victim = ids.get(1);
    ProcessHandle.of(pidBefore.get(victim)).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(20)).until(() -> rt.inspect(victim).orElseThrow().status()
        == ObservedContainer.TaskStatus.STOPPED);
    // ... and someone leaves a container with our labels that no journaled task owns.
    rt.create(new ContainerSpec("ghost-a1", image, Map.of(ContainerLabels.MANAGED_BY,
        ContainerLabels.MANAGED_BY_VALUE, ContainerLabels.TASK, "ghost",
        ContainerLabels.ATTEMPT, "1"), List.of("sleep", "100000"), null, null, null, null, null,
        null, null, null, null, null));
    rt.start("ghost-a1");

    long restartAt = System.currentTimeMillis();
    worker = LocalCluster.worker(dir, manager, containerd, false);
    RecoveryReport report = worker.start();

    assertEquals(1, report.reattached(), report.toString());
    assertEquals(1, report.exitedWhileDown(), report.toString());
    assertEquals(List.of("ghost-a1"), report.reaped().stream().map(o -> o.containerId())
        .collect(Collectors.toList()));
    assertTrue(report.reaped().get(0).removed(), report.toString());

    // Guarantee 5: nothing reached the manager between the restart and the end of recovery.
    // One snapshot of the log: the session keeps calling while this runs.
    List<CallLog.Call> calls = manager.callLog().calls();
    assertTrue(calls.stream().noneMatch(c -> c.atMillis() >= restartAt
        && c.atMillis() < worker.recoveredAtMillis()), calls.toString());

    // The exited task restarts under restart policy (attempt 2); the survivor keeps its PID.
    await().atMost(Duration.ofSeconds(60)).until(() -> LocalCluster.running(worker).size() == 2);
    Map<String, Integer> pidAfter = new HashMap<>();
    for (ObservedContainer c : rt.listOwned()) {
      pidAfter.put(c.containerId(), c.pid());
    }
    assertEquals(pidBefore.get(survivor), pidAfter.get(survivor), "same container, same PID");
    String victimTask = victim.substring(0, victim.lastIndexOf("-a"));
    assertEquals(Set.of(survivor, victimTask + "-a2"), pidAfter.keySet(),
        "the namespace holds only the journal's current containers");
    assertFalse(pidAfter.containsKey("ghost-a1"));

    try (JournalInspector journal = JournalInspector.open(dir.resolve("worker"))) {
      List<Finding> problems = journal.verify(TaskMachineLoader.taskMachine()).stream()
          .filter(Finding::problem).collect(Collectors.toList());
      assertEquals(List.of(), problems);
      assertTrue(journal.tasks().stream().anyMatch(t -> t.taskId().equals(victimTask)
          && t.attempt() == 2), "the exit while down was handled by the restart policy");
    }
  }

  @Test
  void aContainerGoneWhileTheWorkerWasDownIsReportedVanishedAndItsTaskFails() throws Exception {
    startWithRunningSleepers("solo", 1);
    TaskStatus before = LocalCluster.running(worker).get(0);

    // The worker stops, and someone removes its container altogether meanwhile.
    worker.close();
    worker = null;
    ContainerdRuntime rt = containerd.runtime();
    rt.stop(before.containerId(), Duration.ofSeconds(1));
    rt.remove(before.containerId());
    assertTrue(rt.inspect(before.containerId()).isEmpty());

    worker = LocalCluster.worker(dir, manager, containerd, false);
    RecoveryReport report = worker.start();

    assertEquals(1, report.vanished(), report.toString());
    assertEquals(0, report.reattached(), report.toString());
    assertEquals(0, report.intentsResolved(),
        "the running task's open watch is not a side effect to answer: " + report);
    // Its Wait finds no container: the task is lost, and the manager replaces it.
    await().atMost(Duration.ofSeconds(30)).until(() -> worker.engine().statuses().stream()
        .anyMatch(t -> t.taskId().equals(before.taskId()) && t.machineState().equals("failed")));
    TaskStatus lost = worker.engine().status(before.taskId());
    assertEquals("watch: container " + before.containerId()
        + " or its task no longer exists in containerd", lost.error());
    await().atMost(Duration.ofSeconds(60)).until(() -> LocalCluster.running(worker).stream()
        .anyMatch(t -> !t.taskId().equals(before.taskId())));
  }
}
