package io.warren.runtime.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.testsupport.ContainerdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** containerd restarts under a running task: the same task (same PID) is found again, Wait re-issued. */
class ReconnectTest {
  @RegisterExtension
  static final ContainerdExtension CTD = new ContainerdExtension();

  @Test
  void survivesContainerdRestartWithTaskRunning() throws Exception {
    ContainerdRuntime rt = CTD.runtime();
    String image = CTD.busybox();
    ContainerSpec spec = new ContainerSpec("survivor", image, Map.of(), List.of("sleep", "1000"), Map.of(),
        "", "", "", null, List.of(), null, null, null, null);
    rt.create(spec);
    int pid = rt.start("survivor").value();
    CompletableFuture<ExitStatus> exit = rt.awaitExit("survivor");

    ContainerdExtension.stopDaemon();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !rt.connection().connected());
    assertFalse(exit.isDone(), "the wait must not complete because containerd went away");
    ContainerdExtension.up();

    long t0 = System.nanoTime();
    Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
        rt.inspect("survivor").orElseThrow().status() == ObservedContainer.TaskStatus.RUNNING);
    long reconnectMs = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(reconnectMs < 10_000, "reconnect took " + reconnectMs + " ms");
    ObservedContainer seen = rt.inspect("survivor").orElseThrow();
    assertEquals(pid, seen.pid(), "same task, same PID after the restart");
    assertFalse(exit.isDone());

    rt.stop("survivor", Duration.ZERO);
    assertEquals(137, exit.get(30, TimeUnit.SECONDS).exitCode(), "the re-issued Wait saw the exit");
    rt.remove("survivor");
  }
}
