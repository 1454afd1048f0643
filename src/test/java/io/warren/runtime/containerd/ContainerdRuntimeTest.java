package io.warren.runtime.containerd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerRuntime.Applied;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.testsupport.ContainerdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs real containers on a private containerd. */
class ContainerdRuntimeTest {
  @RegisterExtension
  static final ContainerdExtension CTD = new ContainerdExtension();
  static ContainerdRuntime rt;
  static String image;

  @BeforeAll
  static void setUp() throws Exception {
    rt = CTD.runtime();
    image = CTD.busybox();
  }

  static ContainerSpec spec(String id, List<String> cmd) {
    return builder(id, cmd).build();
  }

  static SpecBuilder builder(String id, List<String> cmd) {
    return new SpecBuilder(id, cmd);
  }

  /** Small fluent helper over the ContainerSpec record for tests. */
  static final class SpecBuilder {
    final String id;
    final List<String> cmd;
    Map<String, String> env = Map.of();
    String user = "";
    String workdir = "";
    String hostname = "";
    ContainerSpec.Limits limits = ContainerSpec.Limits.NONE;
    List<ContainerSpec.Mount> mounts = List.of();
    Path resolv;

    SpecBuilder(String id, List<String> cmd) {
      this.id = id;
      this.cmd = cmd;
    }

    ContainerSpec build() {
      Path logs = CTD.work().resolve("logs");
      return new ContainerSpec(id, image, Map.of(ContainerLabels.TASK, id, ContainerLabels.ATTEMPT, "1",
          ContainerLabels.NODE, "n1"), cmd, env, workdir, user, hostname, limits, mounts, resolv, null,
          logs.resolve(id + ".out"), logs.resolve(id + ".err"));
    }
  }

  static String stdout(String id) throws Exception {
    return Files.readString(CTD.work().resolve("logs").resolve(id + ".out"));
  }

  static String stderr(String id) throws Exception {
    return Files.readString(CTD.work().resolve("logs").resolve(id + ".err"));
  }

  static ExitStatus run(ContainerSpec s) throws Exception {
    rt.create(s);
    rt.start(s.containerId());
    return rt.awaitExit(s.containerId()).get(60, TimeUnit.SECONDS);
  }

  @Test
  void runsToExitWithCodeAndSeparateLogs() throws Exception {
    ContainerSpec s = spec("exit3", List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertFalse(rt.create(s).alreadyDone());
    assertTrue(rt.create(s).alreadyDone());
    long before = System.currentTimeMillis();
    Applied<Integer> started = rt.start("exit3");
    assertFalse(started.alreadyDone());
    assertTrue(started.value() > 0);
    ExitStatus exit = rt.awaitExit("exit3").get(30, TimeUnit.SECONDS);
    assertEquals(3, exit.exitCode());
    assertFalse(exit.oomKilled());
    assertTrue(exit.exitedAtMillis() >= before - 1000, "exit time " + exit.exitedAtMillis());
    assertEquals("out\n", stdout("exit3"));
    assertEquals("err\n", stderr("exit3"));
    assertTrue(rt.start("exit3").alreadyDone());
    ObservedContainer seen = rt.inspect("exit3").orElseThrow();
    assertEquals(ObservedContainer.TaskStatus.STOPPED, seen.status());
    assertEquals(3, seen.exit().exitCode());
    assertEquals("exit3", seen.taskId());
    assertEquals(1, seen.attempt());
    assertTrue(rt.stop("exit3", Duration.ofSeconds(1)).alreadyDone());
    assertFalse(rt.remove("exit3").alreadyDone());
    assertTrue(rt.remove("exit3").alreadyDone());
    assertTrue(rt.inspect("exit3").isEmpty());
  }

  @Test
  void stopEscalatesToSigkillWhenPid1IgnoresSigterm() throws Exception {
    ContainerSpec s = spec("stubborn", List.of("sleep", "1000"));
    rt.create(s);
    int pid = rt.start("stubborn").value();
    assertEquals(ObservedContainer.TaskStatus.RUNNING, rt.inspect("stubborn").orElseThrow().status());
    long t0 = System.nanoTime();
    Applied<ExitStatus> stopped = rt.stop("stubborn", Duration.ofMillis(700));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertFalse(stopped.alreadyDone());
    assertEquals(137, stopped.value().exitCode());
    assertTrue(ms >= 700 && ms < 10_000, "stop took " + ms + " ms");
    assertFalse(Path.of("/proc/" + pid).toFile().exists() && isSleep(pid), "pid " + pid + " still alive");
    assertTrue(rt.stop("stubborn", Duration.ofSeconds(1)).alreadyDone());
    rt.remove("stubborn");
  }

  private static boolean isSleep(int pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("sleep");
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void removeRefusesARunningTask() throws Exception {
    rt.create(spec("busy", List.of("sleep", "1000")));
    rt.start("busy");
    RuntimeFailure f = assertThrows(RuntimeFailure.class, () -> rt.remove("busy"));
    assertEquals(RuntimeFailure.Kind.FATAL, f.kind());
    assertEquals(ObservedContainer.TaskStatus.RUNNING, rt.inspect("busy").orElseThrow().status());
    rt.stop("busy", Duration.ZERO);
    rt.remove("busy");
  }

  @Test
  void limitsAreVisibleInTheContainersCgroup() throws Exception {
    SpecBuilder b = builder("limited", List.of("sleep", "1000"));
    b.limits = new ContainerSpec.Limits(64L << 20, 512, 50_000, 100_000, 100);
    rt.create(b.build());
    rt.start("limited");
    String rel = CTD.namespace() + "/limited";
    assertEquals("67108864", cg("memory/" + rel + "/memory.limit_in_bytes"));
    assertEquals("512", cg("cpu/" + rel + "/cpu.shares"));
    assertEquals("50000", cg("cpu/" + rel + "/cpu.cfs_quota_us"));
    assertEquals("100000", cg("cpu/" + rel + "/cpu.cfs_period_us"));
    assertEquals("100", cg("pids/" + rel + "/pids.max"));
    ContainerRuntime.ExecResult inside = rt.exec("limited",
        List.of("cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes"), Duration.ofSeconds(10));
    assertEquals("67108864", inside.stdout().strip());
    rt.stop("limited", Duration.ZERO);
    rt.remove("limited");
  }

  private static String cg(String rel) throws Exception {
    return Files.readString(Path.of("/sys/fs/cgroup").resolve(rel)).strip();
  }

  @Test
  void oomKillIsReported() throws Exception {
    SpecBuilder b = builder("oom", List.of("sh", "-c", "dd if=/dev/zero of=/dev/null bs=64M count=1; exit 0"));
    b.limits = new ContainerSpec.Limits(16L << 20, 0, 0, 0, 0);
    ExitStatus exit = run(b.build());
    assertTrue(exit.oomKilled(), "not reported as OOM: " + exit);
    assertTrue(rt.inspect("oom").orElseThrow().exit().oomKilled());
    rt.remove("oom");
  }

  @Test
  void mountsUserEnvAndHostnameInsideTheContainer() throws Exception {
    Path rw = Files.createDirectories(CTD.work().resolve("vol-rw"));
    Files.setPosixFilePermissions(rw, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path ro = Files.createDirectories(CTD.work().resolve("vol-ro"));
    Files.writeString(ro.resolve("data.txt"), "read-only data");
    Path resolv = Files.writeString(CTD.work().resolve("resolv.conf"), "nameserver 10.9.8.7\n");
    SpecBuilder b = builder("mounts", List.of("sh", "-c",
        "id -u; id -g; echo $IMAGE_VAR $TASK_VAR; pwd; hostname; cat /etc/resolv.conf;"
            + " cat /ro/data.txt; echo; touch /ro/x 2>/dev/null && echo ro-writable || echo ro-denied;"
            + " echo written > /rw/out.txt; grep ' /scratch ' /proc/mounts | cut -d' ' -f3"));
    b.user = "app";
    b.env = Map.of("TASK_VAR", "from-task");
    b.workdir = "/tmp";
    b.hostname = "web-1";
    b.resolv = resolv;
    b.mounts = List.of(ContainerSpec.Mount.bind(rw.toString(), "/rw", false),
        ContainerSpec.Mount.bind(ro.toString(), "/ro", true),
        ContainerSpec.Mount.tmpfs("/scratch", List.of("size=1m", "mode=0700")));
    ExitStatus exit = run(b.build());
    String out = stdout("mounts");
    assertEquals(0, exit.exitCode(), out + stderr("mounts"));
    assertEquals(List.of("1000", "1000", "from-image from-task", "/tmp", "web-1", "nameserver 10.9.8.7",
        "read-only data", "ro-denied", "tmpfs"), out.lines().toList());
    assertEquals("written\n", Files.readString(rw.resolve("out.txt")));
    rt.remove("mounts");
  }

  @Test
  void numericUserAndImageDefaults() throws Exception {
    SpecBuilder b = builder("numeric", List.of("sh", "-c", "id -u; id -g"));
    b.user = "4242:4343";
    run(b.build());
    assertEquals("4242\n4343\n", stdout("numeric"));
    rt.remove("numeric");
  }

  @Test
  void execReturnsExitCodeAndOutput() throws Exception {
    rt.create(spec("execd", List.of("sleep", "1000")));
    rt.start("execd");
    ContainerRuntime.ExecResult r = rt.exec("execd", List.of("sh", "-c", "echo hi; echo oops >&2; exit 4"),
        Duration.ofSeconds(10));
    assertEquals(4, r.exitCode());
    assertEquals("hi\n", r.stdout());
    assertEquals("oops\n", r.stderr());
    RuntimeFailure timeout = assertThrows(RuntimeFailure.class,
        () -> rt.exec("execd", List.of("sleep", "100"), Duration.ofMillis(300)));
    assertTrue(timeout.getMessage().contains("timed out"), timeout.getMessage());
    rt.stop("execd", Duration.ZERO);
    rt.remove("execd");
  }

  @Test
  void listOwnedSeesOnlyLabelledContainers() throws Exception {
    rt.create(spec("mine-1", List.of("sleep", "1000")));
    rt.start("mine-1");
    rt.create(spec("mine-2", List.of("true")));
    // a foreign container in the same namespace: no managed-by label
    CTD.connection().containers().create(
        io.warren.runtime.containerd.proto.containers.CreateContainerRequest.newBuilder().setContainer(
            io.warren.runtime.containerd.proto.containers.Container.newBuilder().setId("foreign")
                .putLabels("owner", "someone-else")
                .setRuntime(io.warren.runtime.containerd.proto.containers.Container.Runtime.newBuilder()
                    .setName(ContainerdRuntime.RUNC_V2))
                .setSpec(com.google.protobuf.Any.newBuilder().setTypeUrl(ContainerdRuntime.SPEC_TYPE)
                    .setValue(com.google.protobuf.ByteString.copyFromUtf8("{}")))).build());
    Map<String, ObservedContainer> owned = new java.util.HashMap<>();
    rt.listOwned().forEach(o -> owned.put(o.containerId(), o));
    assertFalse(owned.containsKey("foreign"));
    assertEquals(ObservedContainer.TaskStatus.RUNNING, owned.get("mine-1").status());
    assertTrue(owned.get("mine-1").pid() > 0);
    assertEquals(ObservedContainer.TaskStatus.NO_TASK, owned.get("mine-2").status());
    assertTrue(rt.inspect("foreign").isEmpty());
    rt.stop("mine-1", Duration.ZERO);
    rt.remove("mine-1");
    rt.remove("mine-2");
  }

  @Test
  void badInputNamesTheField() throws Exception {
    assertFatal("limits.memoryBytes", () -> {
      SpecBuilder b = builder("bad1", List.of("true"));
      b.limits = new ContainerSpec.Limits(-1, 0, 0, 0, 0);
      rt.create(b.build());
    });
    assertFatal("limits.pidsLimit", () -> {
      SpecBuilder b = builder("bad2", List.of("true"));
      b.limits = new ContainerSpec.Limits(0, 0, 0, 0, -5);
      rt.create(b.build());
    });
    assertFatal("mounts[0].source 'relative/dir'", () -> {
      SpecBuilder b = builder("bad3", List.of("true"));
      b.mounts = List.of(ContainerSpec.Mount.bind("relative/dir", "/data", false));
      rt.create(b.build());
    });
    assertFatal("mounts[0].target 'data'", () -> {
      SpecBuilder b = builder("bad4", List.of("true"));
      b.mounts = List.of(ContainerSpec.Mount.tmpfs("data", List.of()));
      rt.create(b.build());
    });
    assertFatal("user 'nosuchuser'", () -> {
      SpecBuilder b = builder("bad5", List.of("true"));
      b.user = "nosuchuser";
      rt.create(b.build());
    });
    assertFatal("image reference 'Not A Ref!!'", () -> rt.ensureImage("Not A Ref!!",
        ContainerRuntime.PullPolicy.IF_NOT_PRESENT, ContainerRuntime.PullProgress.NONE));
    assertFatal("is not present", () -> rt.ensureImage("warren.test/absent:1",
        ContainerRuntime.PullPolicy.NEVER, ContainerRuntime.PullProgress.NONE));
    for (String id : List.of("bad1", "bad2", "bad3", "bad4", "bad5")) {
      assertTrue(rt.inspect(id).isEmpty(), id + " was created");
    }
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertFatal(String expected, Call call) {
    RuntimeFailure f = assertThrows(RuntimeFailure.class, call::run);
    assertEquals(RuntimeFailure.Kind.FATAL, f.kind(), f.getMessage());
    assertTrue(f.getMessage().contains(expected), "'" + f.getMessage() + "' does not name " + expected);
  }

  @Test
  void logFilesAreAppendedNotOverwritten() throws Exception {
    Path out = CTD.work().resolve("logs").resolve("appender.out");
    Files.createDirectories(out.getParent());
    Files.writeString(out, "previous line\n");
    run(spec("appender", List.of("echo", "new")));
    assertEquals("previous line\nnew\n", Files.readString(out));
    rt.remove("appender");
  }

  @Test
  void liveLogRotationKeepsTheShimWritingAtTheStart() throws Exception {
    ContainerSpec s = spec("chatty", List.of("sh", "-c",
        "i=0; while [ $i -lt 2000 ]; do echo line-$i-xxxxxxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done; sleep 1000"));
    rt.create(s);
    rt.start("chatty");
    Path out = CTD.work().resolve("logs").resolve("chatty.out");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("line-1999-"));
    TaskLogRotator rotator = new TaskLogRotator(1024, 2);
    assertTrue(rotator.rotateIfNeeded(out));
    assertEquals(0, Files.size(out));
    assertTrue(Files.readString(TaskLogRotator.generation(out, 1)).contains("line-1999-"));
    rt.exec("chatty", List.of("sh", "-c", "echo after-rotation > /proc/1/fd/1"), Duration.ofSeconds(10));
    assertEquals("after-rotation\n", Files.readString(out), "no hole before the new output");
    assertFalse(rotator.rotateIfNeeded(out));
    rt.stop("chatty", Duration.ZERO);
    rt.remove("chatty");
  }

  @Test
  void awaitExitCompletesForAnAlreadyExitedTask() throws Exception {
    rt.create(spec("quick", List.of("sh", "-c", "exit 7")));
    rt.start("quick");
    await().atMost(Duration.ofSeconds(20)).until(() ->
        rt.inspect("quick").orElseThrow().status() == ObservedContainer.TaskStatus.STOPPED);
    assertEquals(7, rt.awaitExit("quick").get(10, TimeUnit.SECONDS).exitCode());
    rt.remove("quick");
  }
}
