package io.warren.cli.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.testing.LocalCluster;
import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ContainerdSockets;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.ActualState;
import io.warren.worker.Worker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `warren journal diff-live` against a running worker, real containerd, through its output. */
class DiffLiveCommandTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @Test
  void showsJournalNextToContainerdAndThePlan() throws Exception {
    String image = containerd.busybox();
    ContainerdRuntime rt = containerd.runtime();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0");
         Worker worker = LocalCluster.worker(dir, manager, containerd, false)) {
      worker.start();
      assertEquals(0, WarrenMain.run("service", "create", "web", "--image", image,
          "--command", "sleep", "--command", "100000", "--manager", manager.address().toString()));
      await().atMost(Duration.ofSeconds(60)).until(() -> worker.engine().statuses().stream()
          .anyMatch(s -> s.actualState() == ActualState.RUNNING));
      String taskId = worker.engine().statuses().get(0).taskId();
      ObservedContainer live = rt.listOwned().get(0);
      // A container with our labels that no journaled task owns: recovery would reap it.
      rt.create(new ContainerSpec("ghost-a1", image, Map.of(ContainerLabels.MANAGED_BY,
          ContainerLabels.MANAGED_BY_VALUE, ContainerLabels.TASK, "ghost",
          ContainerLabels.ATTEMPT, "1"), List.of("sleep", "100000"), null, null, null, null,
          null, null, null, null, null, null));

      String[] args = {"journal", "diff-live", "--data-dir", dir.resolve("worker").toString(),
          "--containerd", containerd.socket().toString(), "--namespace", containerd.namespace()};
      JsonNode rows = new ObjectMapper().readTree(run(0, append(args, "--json")));
      assertEquals(2, rows.size(), rows.toString());
      JsonNode task = rows.get(0);
      assertEquals(taskId, task.path("task").asText());
      assertEquals("running", task.path("journalState").asText());
      assertEquals(1, task.path("attempt").asInt());
      assertEquals(live.containerId(), task.path("containerId").asText());
      assertTrue(task.path("containerPresent").asBoolean());
      assertEquals("running", task.path("taskStatus").asText());
      assertEquals(live.pid(), task.path("pid").asInt());
      // A running task has its watch open (the wait is in progress) and would be reattached.
      assertEquals("[\"open intent #\",\"reattach pid " + live.pid() + "\"]",
          task.path("recovery").toString().replaceAll(
              "#\\d+ watch: wait interrupted, resumed under this intent if running", "#"),
          task.toString());
      JsonNode ghost = rows.get(1);
      assertEquals("ghost-a1", ghost.path("containerId").asText());
      assertEquals("no_task", ghost.path("taskStatus").asText());
      assertTrue(ghost.path("recovery").get(0).asText()
          .startsWith("reap ghost-a1 (not owned by any journaled task)"), ghost.toString());

      String text = run(0, args);
      assertTrue(text.startsWith("TASK"), text);
      assertTrue(text.contains("reattach pid " + live.pid()), text);
      assertTrue(text.lines().anyMatch(l -> l.contains("ghost-a1") && l.contains("reap")), text);
      // Read-only: nothing was touched.
      assertEquals(2, rt.listOwned().size());

      run(2, "journal", "diff-live", "--data-dir", dir.resolve("worker").toString(),
          "--containerd", dir.resolve("nope.sock").toString());
    } finally {
      ContainerdExtension.cleanNamespace(containerd.connection());
    }
  }

  @Test
  void autoFindsTheSystemContainerdElseTheOneUnderTheDataDir() {
    Path workerDir = dir.resolve("up").resolve("worker");
    Path own = dir.resolve("up").resolve("containerd").resolve("containerd.sock").toAbsolutePath();
    assertEquals(own, DiffLiveCommand.privateSocket(workerDir));
    assertEquals(ContainerdSockets.SYSTEM, ContainerdSockets.resolve("auto", own, p -> true));
    assertEquals(own, ContainerdSockets.resolve("auto", own,
        p -> !p.equals(ContainerdSockets.SYSTEM)));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ContainerdSockets.resolve("auto", own, p -> false));
    assertTrue(none.getMessage().startsWith("--containerd auto: no containerd answers at "
        + ContainerdSockets.SYSTEM + " or " + own), none.getMessage());
  }

  private static String[] append(String[] a, String extra) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = extra;
    return out;
  }

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(expectedExit, cl.execute(args), out + "\n" + err);
    if (expectedExit == 2) {
      assertTrue(err.toString().contains("--containerd"), err.toString());
    }
    return out.toString();
  }
}
