package io.warren.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.warren.api.v1.Container;
import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.WarrenAPIGrpc;
import io.warren.cli.WarrenMain;
import io.warren.testing.ScratchDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The daemons as a user runs them, through {@code tools/warren} (so with its JVM flags), in a
 * temporary data dir with a private containerd: either {@code warren up} (embedded manager +
 * worker in one process) or, with {@code --split}, {@code warren manager} and a
 * {@code warren worker} joining it as two processes. Measures
 * <ol>
 *   <li>{@code service create} to every replica reported {@code running} by the manager's
 *       ListContainers, for 1 and 20 replicas, against {@code ctr run -d} of the same image and
 *       command on the same containerd, sequentially, in the same run;
 *   <li>the worker process's VmRSS and Java heap (jstat) with 0 tasks and with 100 running
 *       tasks (with {@code up}: the one process holding manager and worker).
 * </ol>
 * Run with {@code tools/bench-worker [--split] [RUNS] [JVM flags for the daemons...]}; flags, when
 * given, replace tools/warren's (WARREN_DAEMON_OPTS). Every container it starts is removed before
 * it exits; the private containerd is stopped.
 */
public final class WorkerBench {
  private static final String IMAGE = "docker.io/warren/demo:latest";
  private static final long POLL_MILLIS = 20;

  private final Path work;
  private final Path launcher;
  private final List<String> jvmFlags;
  private final boolean split;
  private final String manager;
  private final List<Process> daemons = new ArrayList<>();
  /** The process whose memory is sampled: the worker (--split) or the one 'up' process. */
  private Process measured;
  private ManagedChannel channel;

  private WorkerBench(Path work, Path launcher, List<String> jvmFlags, boolean split, int port) {
    this.work = work;
    this.launcher = launcher;
    this.jvmFlags = jvmFlags;
    this.split = split;
    this.manager = "127.0.0.1:" + port;
  }

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean split = rest.remove("--split");
    int runs = rest.isEmpty() ? 3 : Integer.parseInt(rest.remove(0));
    Path project = Path.of(System.getProperty("warren.projectDir", ".")).toAbsolutePath();
    Path work = Files.createTempDirectory("warren-worker-bench-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WorkerBench b = new WorkerBench(work, project.resolve("tools/warren"), rest, split, port);
    try {
      b.run(project, runs);
    } finally {
      b.shutdown();
    }
    System.exit(0);
  }

  private Path socket() {
    return work.resolve("data/containerd/containerd.sock");
  }

  private void run(Path project, int runs) throws Exception {
    System.out.println("topology: " + (split ? "warren manager + warren worker (worker measured)"
        : "warren up (manager and worker in one process)"));
    System.out.println("daemon JVM flags: " + (jvmFlags.isEmpty() ? "tools/warren's defaults"
        : String.join(" ", jvmFlags)));
    sh(project.resolve("tools/demo-image").toString(), work.resolve("demo.tar").toString());
    String data = work.resolve("data").toString();
    if (split) {
      start("manager.log", "Warren manager is up", "manager", "--data-dir", data, "--listen", manager);
      measured = start("worker.log", null, "worker", "--data-dir", data, "--manager", manager,
          "--insecure", "--node-id", "bench-worker");
    } else {
      measured = start("up.log", "Warren is up", "up", "--data-dir", data, "--listen", manager);
    }
    check(WarrenMain.run("image", "import", "--containerd", socket().toString(),
        work.resolve("demo.tar").toString()) == 0, "image import");
    channel = NettyChannelBuilder.forTarget(manager).usePlaintext().build();

    settle();
    System.out.println("memory, 0 tasks (fresh):  " + memory());

    serviceToRunning("warmup", 1); // JIT, first shim and snapshot: not counted
    remove("warmup");

    List<Long> w1 = new ArrayList<>();
    List<Long> w20 = new ArrayList<>();
    List<Long> c1 = new ArrayList<>();
    List<Long> c20 = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      w1.add(serviceToRunning("one" + r, 1));
      remove("one" + r);
      c1.add(ctrRun("c1r" + r, 1));
      w20.add(serviceToRunning("twenty" + r, 20));
      remove("twenty" + r);
      c20.add(ctrRun("c20r" + r, 20));
    }
    System.out.println("create to all running, ms (each run; median):");
    System.out.println("  warren service, 1 replica:   " + w1 + "  median " + median(w1));
    System.out.println("  ctr run -d, 1 container:     " + c1 + "  median " + median(c1));
    System.out.println("  warren service, 20 replicas: " + w20 + "  median " + median(w20));
    System.out.println("  ctr run -d x20, sequential:  " + c20 + "  median " + median(c20));

    settle();
    System.out.println("memory, 0 tasks (after " + (2 * runs + 1) + " services came and went): " + memory());
    long t100 = serviceToRunning("hundred", 100);
    System.out.println("100 replicas running after " + t100 + " ms");
    settle();
    System.out.println("memory, 100 tasks:        " + memory());
    remove("hundred");
    System.out.println("load: " + sh("uptime").strip());
  }

  /**
   * Starts {@code tools/warren ARGS} and waits for its ready line: {@code ready} on stdout, or for
   * a worker, the log line saying it recovered and is syncing.
   */
  private Process start(String logName, String ready, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (!jvmFlags.isEmpty()) {
      pb.environment().put("WARREN_DAEMON_OPTS", String.join(" ", jvmFlags));
    }
    Process p = pb.start();
    daemons.add(p);
    CountDownLatch up = new CountDownLatch(1);
    Path log = work.resolve(logName);
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
          if (ready != null ? line.startsWith(ready) : line.contains("and is syncing with")) {
            up.countDown();
          }
        }
      } catch (IOException e) {
        // the daemon went away; the latch or the next call reports it
      }
    }, logName);
    pump.setDaemon(true);
    pump.start();
    check(up.await(120, TimeUnit.SECONDS), String.join(" ", args) + " did not come up; see " + log);
    return p;
  }

  /** Milliseconds from the start of {@code service create} until the manager lists n running. */
  private long serviceToRunning(String name, int replicas) {
    long t0 = System.nanoTime();
    check(WarrenMain.run("service", "create", name, "--image", IMAGE, "--replicas",
        Integer.toString(replicas), "--stop-timeout", "1s", "--command", "sleep", "100000",
        "--manager", manager) == 0, "service create " + name);
    long deadline = t0 + TimeUnit.SECONDS.toNanos(300);
    while (running(name) < replicas) {
      check(System.nanoTime() < deadline, name + ": not all running after 300 s");
      pause(POLL_MILLIS);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private long running(String service) {
    List<Container> all = WarrenAPIGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .listContainers(ListContainersRequest.getDefaultInstance()).getContainersList();
    return all.stream().filter(c -> c.getServiceName().equals(service)
        && c.getActualState().equals("running")).count();
  }

  /** Removes the service and waits until containerd holds no container of the worker's. */
  private void remove(String name) throws Exception {
    check(WarrenMain.run("service", "rm", name, "--manager", manager) == 0, "service rm " + name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!ctr("c", "ls", "-q").isBlank()) {
      check(System.nanoTime() < deadline, "containers of " + name + " still there after 300 s");
      pause(200);
    }
  }

  /** Milliseconds for n sequential {@code ctr run -d}; the containers are removed afterwards. */
  private long ctrRun(String prefix, int n) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ctr("run", "-d", "--log-uri", "file://" + work.resolve(prefix + i + ".log"), IMAGE, prefix + "-" + i,
          "sleep", "100000");
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    for (int i = 0; i < n; i++) {
      ctr("task", "kill", "-s", "SIGKILL", prefix + "-" + i);
    }
    for (int i = 0; i < n; i++) {
      ctrQuiet("task", "rm", "-f", prefix + "-" + i);
      ctr("c", "rm", prefix + "-" + i);
    }
    return ms;
  }

  private String ctr(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ctr", "-a", socket().toString(), "-n", "warren"));
    cmd.addAll(Arrays.asList(args));
    return sh(cmd.toArray(new String[0]));
  }

  private void ctrQuiet(String... args) {
    try {
      ctr(args);
    } catch (Exception e) {
      // task rm right after SIGKILL may race the exit; the container rm that follows checks
    }
  }

  /**
   * Lets the daemon finish start-up work, forces a GC and then waits past one native-heap trim
   * period (tools/warren: every 5 s) before sampling.
   */
  private void settle() throws Exception {
    pause(10_000);
    sh("jcmd", Long.toString(measured.pid()), "GC.run");
    pause(7_000);
  }

  private String memory() throws Exception {
    java.util.Map<String, Long> kb = new java.util.HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(measured.pid()), "status"))) {
      String[] f = line.split("\\s+");
      if (f.length >= 2 && (f[0].startsWith("Rss") || f[0].equals("VmRSS:"))) {
        kb.put(f[0].replace(":", ""), Long.parseLong(f[1]));
      }
    }
    // jstat -gc: S0C S1C S0U S1U EC EU OC OU MC MU ... (KB); heap used = S0U+S1U+EU+OU
    String[] rows = sh("jstat", "-gc", Long.toString(measured.pid())).strip().split("\n");
    String[] h = rows[0].trim().split("\\s+");
    String[] v = rows[1].trim().split("\\s+");
    double used = 0;
    double committed = 0;
    double meta = 0;
    for (int i = 0; i < h.length; i++) {
      switch (h[i]) {
        case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(v[i]);
        case "S0C", "S1C", "EC", "OC" -> committed += Double.parseDouble(v[i]);
        case "MU", "CCSU" -> meta += h[i].equals("MU") ? Double.parseDouble(v[i]) : 0;
        default -> { }
      }
    }
    // RssAnon is the process's own memory; RssFile is mapped files (JDK modules, CDS, jar,
    // journal), shared with the page cache and reclaimable
    return String.format("VmRSS %.1f MiB (RssAnon %.1f, RssFile %.1f), heap used %.1f of %.1f"
            + " MiB committed, metaspace used %.1f MiB", kb.getOrDefault("VmRSS", 0L) / 1024.0,
        kb.getOrDefault("RssAnon", 0L) / 1024.0, kb.getOrDefault("RssFile", 0L) / 1024.0,
        used / 1024.0, committed / 1024.0, meta / 1024.0);
  }

  private void shutdown() {
    try {
      if (channel != null) {
        channel.shutdownNow();
      }
      if (!daemons.isEmpty() && Files.exists(socket())) {
        for (String id : ctr("c", "ls", "-q").split("\\s+")) {
          if (!id.isBlank()) {
            ctrQuiet("task", "kill", "-s", "SIGKILL", id);
            ctrQuiet("task", "rm", "-f", id);
            ctrQuiet("c", "rm", id);
          }
        }
      }
    } catch (Exception e) {
      System.err.println("cleanup: " + e.getMessage());
    }
    for (int i = daemons.size() - 1; i >= 0; i--) { // the worker before its manager
      Process d = daemons.get(i);
      d.destroy();
      try {
        d.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Path pid = work.resolve("data/containerd/containerd.pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(h -> {
          h.destroy();
          h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> h).join();
        });
      }
      // containerd's state and snapshots live in the work dir: never delete under a live mount
      if (Files.readString(Path.of("/proc/mounts")).contains(work.toString())) {
        System.err.println("cleanup: " + work + " still has mounts; left in place");
      } else {
        ScratchDirs.delete(work);
      }
    } catch (IOException e) {
      System.err.println("cleanup: " + e.getMessage());
    }
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }
}
