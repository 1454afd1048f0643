package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.embedded.EmbeddedManagerConfig;
import io.warren.journal.SyncMode;
import io.warren.manager.SessionTimings;
import io.warren.manager.WorkerConfig;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.ActualState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --drain-on-stop}: stopping the daemon stops and removes every task's container first. */
class WorkerDrainTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @Test
  void drainOnStopLeavesNoContainerBehind() throws Exception {
    String image = containerd.busybox();
    try (EmbeddedManager manager = new EmbeddedManager(EmbeddedManagerConfig.builder()
        .listen("127.0.0.1:0").dataDir(dir.resolve("manager")).tls(false).nodeId("node-1")
        .reconcileInterval(Duration.ofMillis(200)).build()).start()) {
      WorkerConfig cfg = WorkerConfig.builder().nodeId("node-1")
          .managerAddress(manager.address().toString()).dataDir(dir.resolve("worker"))
          .containerdSocket(containerd.socket().toString()).plaintext(true).build();
      WorkerDaemon worker = new WorkerDaemon(cfg, new WorkerOptions(containerd.namespace(),
          SyncMode.NONE, null, new SessionTimings(Duration.ofMillis(300), Duration.ofMillis(300),
              Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)),
          null, false, true, Duration.ofSeconds(30), null), Clock.systemUTC());
      worker.start();
      assertEquals(0, WarrenMain.run("service", "create", "web", "--image", image,
          "--replicas", "2", "--stop-timeout", "1s", "--command", "sleep", "--command", "100000",
          "--manager", manager.address().toString()));
      await().atMost(Duration.ofSeconds(60)).until(() -> worker.engine().statuses().stream()
          .filter(s -> s.actualState() == ActualState.RUNNING).count() == 2);
      assertEquals(2, containerd.runtime().listOwned().size());

      worker.close();

      assertEquals(List.of(), containerd.runtime().listOwned(), "drained: nothing left running");
    }
  }
}
