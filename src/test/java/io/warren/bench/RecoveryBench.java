package io.warren.bench;

import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.image.ImageImporter;
import io.warren.runtime.image.ImageReference;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.runtime.testsupport.TestImages;
import io.warren.testing.LocalCluster;
import io.warren.testing.ScratchDirs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recovery time of the real worker ({@code tools/warren worker}: the launcher's JVM flags and
 * class-data archive, as a user runs it) with {@code N} running containers on a private containerd and a journal
 * of about {@code R} records: kill -9, start again, and read the worker's {@code recovery-figures}
 * log line. Every restart also checks that the same containers run with the same PIDs (read from
 * containerd before and after) and nothing else.
 *
 * <p>Three rounds of {@code RUNS} restarts each:
 * <ol>
 *   <li>{@code kill-loop}: the journal as the worker left it; replay reads the checkpoint the
 *       previous start wrote plus what happened since (the common case);
 *   <li>{@code default-policy}: {@link HistoryFill} first appends {@code R - 1000} records of past
 *       tasks under the default checkpoint policy (one every 10,000 records), stopping 1,000
 *       records short of a policy checkpoint: about the longest replay the default policy allows
 *       (and about 20,000 records retained: the policy drops older generations);
 *   <li>{@code no-checkpoint}: {@code R} records appended with checkpoints off: replay must read
 *       all of them (the worst case).
 * </ol>
 * A grown journal is snapshotted once and put back before each restart of its round, so every
 * run of a round recovers from the same journal (the containers are the same throughout). Run
 * with {@code tools/bench-recovery [RUNS] [CONTAINERS] [RECORDS]}; needs root. Everything it
 * starts (containers, shims, containerd, the worker, the manager) is stopped and removed at the
 * end, also on failure.
 */
public final class RecoveryBench {
  private static final String NAMESPACE = "warren-recovery-bench";
  private static final Pattern FIGURE = Pattern.compile("(\\w+)=(-?\\d+)");
  private final Path project;
  private final Path work;
  private final int containers;
  private Path socket;
  private ContainerdConnection conn;
  private ContainerdRuntime runtime;
  private EmbeddedManager manager;
  private Process worker;
  private int starts;
  private boolean cleanedUp;

  private RecoveryBench(Path project, Path work, int containers) {
    this.project = project;
    this.work = work;
    this.containers = containers;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int containers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int records = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path project = Path.of(System.getProperty("warren.projectDir", ".")).toAbsolutePath();
    Path work = Files.createTempDirectory("warren-recovery-bench-");
    RecoveryBench b = new RecoveryBench(project, work, containers);
    // Ctrl-C or a SIGTERM must not leave 100 containers and a containerd behind either
    Runtime.getRuntime().addShutdownHook(new Thread(b::cleanUp, "bench-cleanup"));
    int status = 0;
    try {
      b.run(runs, records);
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    } finally {
      b.cleanUp();
    }
    System.exit(status);
  }

  private Path dataDir() {
    return work.resolve("worker");
  }

  private void run(int runs, int records) throws Exception {
    System.out.printf("recovery bench: %d containers, %d records, %d restarts per round, %d cpus,"
            + " work dir %s%n", containers, records, runs,
        Runtime.getRuntime().availableProcessors(), work);
    socket = Path.of(sh(tool("containerd-up"), work.resolve("containerd").toString()).strip());
    conn = new ContainerdConnection(socket, NAMESPACE);
    runtime = new ContainerdRuntime(new ContainerdConnection(socket, NAMESPACE),
        (ref, store, progress) -> {
          throw new IOException("the bench imports its image; it never pulls");
        }, work.resolve("bench-runtime"));
    Path tar = TestImages.busybox(work.resolve("busybox.tar"), ContainerdExtension.BUSYBOX);
    new ImageImporter(new ImageStore(conn)).importFile(tar, null, ContainerRuntime.PullProgress.NONE);
    String image = ImageReference.parse(ContainerdExtension.BUSYBOX).toString();

    manager = LocalCluster.startManager(work, "127.0.0.1:0");
    String addr = manager.address().toString();
    worker = startWorker("");
    check(WarrenMain.run("service", "create", "bench", "--image", image, "--replicas",
        Integer.toString(containers), "--command", "sleep", "--command", "1000000",
        "--manager", addr) == 0, "service create");
    long t = System.nanoTime();
    awaitTrue(() -> runningPids().size() == containers, 600, "all containers running");
    System.out.printf("%d containers running after %.1f s%n", containers,
        (System.nanoTime() - t) / 1e9);
    // every task journaled as running and watched, so the kill does not land mid-start
    awaitTrue(this::allJournaledRunning, 120, "every task journaled running");
    Map<String, Integer> pids = runningPids();

    kill9(worker);
    Path base = snapshot("base");

    Map<String, List<Map<String, Long>>> rounds = new LinkedHashMap<>();
    // RECORDS=0: the kill-loop round only (the journal as the worker leaves it)
    List<String> names = records > 0 ? List.of("kill-loop", "default-policy", "no-checkpoint")
        : List.of("kill-loop");
    for (String round : names) {
      List<Map<String, Long>> results = new ArrayList<>();
      rounds.put(round, results);
      // The grown journal is made once per round and put back before each restart, so every
      // run of a round recovers from the same state (a start's own checkpoint would otherwise
      // make the next run's replay short). kill-loop restarts on whatever the last start left.
      Path state = null;
      HistoryFill.Result fill = null;
      if (!round.equals("kill-loop")) {
        kill9(worker);
        restore(base);
        fill = HistoryFill.append(dataDir(), round.equals("default-policy") ? records - 1000
            : records, round.equals("default-policy"));
        System.out.printf("%s: appended %d records of %d past tasks (%d policy checkpoints) in"
                + " %d ms%n", round, fill.records(), fill.tasks(), fill.checkpoints(),
            fill.millis());
        state = snapshot(round);
      }
      for (int i = 1; i <= runs; i++) {
        kill9(worker);
        if (state != null) {
          restore(state);
        }
        int idle = awaitQuietCpu();
        String load = sh("uptime").strip() + ", cpu idle " + idle + "%";
        long fork = System.currentTimeMillis();
        Path log = logFile(++starts);
        worker = startWorker(variant(i));
        Map<String, Long> f = awaitFigures(log);
        f.put("variant", (long) variantIndex(i));
        f.put("processToRecoveredMs", f.get("recoveredEpochMs") - fork);
        Map<String, Integer> now = runningPids();
        long same = pids.entrySet().stream()
            .filter(e -> e.getValue().equals(now.get(e.getKey()))).count();
        f.put("samePid", same);
        f.put("containersAfter", (long) now.size());
        results.add(f);
        System.out.printf("%s #%d: recovered %d ms after start (open %d, replay from its scan"
                + " %d, then waited %d for machines / containerd; restore %d,"
                + " reconcile %d, resolve %d, reap %d, resume %d; checkpoint after: %d), %d ms"
                + " after fork (JVM uptime %d; at start %d, preload's journal part done at %d,"
                + " machines %d, containerd client %d); CPU %d ms (whole JVM %d, compiling %d, GC %d);"
                + " records retained %d, replayed %d;"
                + " tasks %d, reattached %d, same PID %d/%d, containers after %d; load: %s%n",
            round, i, f.get("recoveredMs"), f.get("openMs"), f.get("replayMs"), f.get("waitMs"),
            f.get("restoreMs"),
            f.get("reconcileMs"), f.get("resolveMs"), f.get("reapMs"), f.get("resumeMs"),
            f.get("checkpointMs"), f.get("processToRecoveredMs"), f.get("jvmUptimeMs"),
            f.get("startAtMs"), f.get("preloadJournalAtMs"), f.get("preloadMachinesAtMs"),
            f.get("preloadContainerdAtMs"), f.get("cpuMs"), f.get("jvmCpuMs"), f.get("jvmJitMs"), f.get("jvmGcMs"),
            f.get("retainedRecords"), f.get("replayedRecords"),
            f.get("tasks"), f.get("reattached"), same, pids.size(), now.size(),
            load.substring(load.indexOf("load")));
        check(same == pids.size() && now.size() == pids.size(),
            "every container kept its PID and nothing else runs: " + same + " of " + pids.size()
                + ", " + now.size() + " running (see " + log + ")");
      }
    }
    System.out.println();
    System.out.println("| round | retained records | replayed records | start -> recovered ms"
        + " (min / median / max) | process start -> recovered ms (min / median / max) |"
        + " reattached, same PID |");
    System.out.println("|---|---|---|---|---|---|");
    rounds.forEach((round, rs) -> System.out.printf("| %s | %s | %s | %s | %s | %s |%n", round,
        range(rs, "retainedRecords"), range(rs, "replayedRecords"), range(rs, "recoveredMs"),
        range(rs, "processToRecoveredMs"), rs.stream().mapToLong(r -> r.get("samePid")).sum()
            + " / " + (long) rs.size() * containers));
    if (variants().length > 1) {
      System.out.println();
      System.out.println("| round | variant | start -> recovered ms | process start -> recovered"
          + " ms | CPU in the window ms | whole JVM CPU ms |");
      System.out.println("|---|---|---|---|---|---|");
      rounds.forEach((round, rs) -> {
        for (int v = 0; v < variants().length; v++) {
          int index = v;
          List<Map<String, Long>> of = rs.stream().filter(r -> r.get("variant") == index).toList();
          if (!of.isEmpty()) {
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", round,
                variants()[v].isBlank() ? "-" : variants()[v].strip(), range(of, "recoveredMs"),
                range(of, "processToRecoveredMs"), range(of, "cpuMs"), range(of, "jvmCpuMs"));
          }
        }
      });
    }
  }

  private static String range(List<Map<String, Long>> rs, String key) {
    List<Long> xs = new ArrayList<>();
    rs.forEach(r -> xs.add(r.get(key)));
    Collections.sort(xs);
    return xs.get(0) + " / " + xs.get(xs.size() / 2) + " / " + xs.get(xs.size() - 1);
  }

  private boolean allJournaledRunning() {
    try (JournalInspector j = JournalInspector.open(dataDir())) {
      List<TaskView> tasks = j.tasks();
      return tasks.size() == containers && tasks.stream().allMatch(v -> v.state().equals("running"));
    }
  }

  private Map<String, Integer> runningPids() {
    try {
      return LocalCluster.runningPids(runtime.listOwned());
    } catch (Exception e) {
      throw new IllegalStateException("containerd list failed: " + e.getMessage(), e);
    }
  }

  private Path logFile(int n) {
    return work.resolve("worker-" + n + ".log");
  }

  /**
   * {@code tools/warren worker ...}: the product as a user runs it, with the launcher's JVM flags
   * and class-data archive; {@code warren.bench.workerOpts} (";"-separated too, shell-proof) and
   * JFR go in through WARREN_JAVA_OPTS.
   */
  private Process startWorker(String variant) throws IOException {
    List<String> extra = new ArrayList<>();
    String opts = System.getProperty("warren.bench.workerOpts", "") + " " + variant;
    if (!opts.isBlank()) {
      extra.addAll(List.of(opts.strip().split("[\\s;]+")));
    }
    if (!System.getProperty("warren.bench.jfrDir", "").isBlank()) {
      extra.add("-XX:StartFlightRecording=settings="
          + System.getProperty("warren.bench.jfrSettings", "profile"));
    }
    List<String> cmd = new ArrayList<>(List.of(project.resolve("tools/warren").toString(),
        "worker", "--manager", manager.address().toString(), "--insecure", "--node-id", "node-1",
        "--data-dir", work.toString(), "--containerd", socket.toString(), "--namespace", NAMESPACE,
        "--journal-sync", "batch"));
    File out = logFile(starts).toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out));
    pb.environment().put("WARREN_JAVA_OPTS", String.join(" ", extra));
    return pb.start();
  }

  /**
   * {@code warren.bench.variants}: JVM options to compare, "|"-separated ("-" for none), taken in
   * turn by the restarts of each round, so an A/B comparison shares the machine's load.
   */
  private static String[] variants() {
    String v = System.getProperty("warren.bench.variants", "");
    return v.isBlank() ? new String[] {""} : v.split("\\|", -1);
  }

  /**
   * Waits (at most 60 s) until the CPUs were at least 80 % idle over half a second: starting and
   * stopping 100 containers keeps the kernel busy for tens of seconds (load 10-27 on 2 cores), and
   * a worker restart on a node whose containers are running is the case measured, not one racing
   * the bench's own container starts. Returns the idle percentage of the last half second.
   */
  private static int awaitQuietCpu() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int idle;
    do {
      long[] a = cpuTimes();
      Thread.sleep(500); // a sampling interval, not a wait for an event
      long[] b = cpuTimes();
      idle = (int) (100 * (b[1] - a[1]) / Math.max(1, b[0] - a[0]));
    } while (idle < 80 && System.nanoTime() < deadline);
    return idle;
  }

  /** Total and idle (idle + iowait) jiffies of all CPUs, from /proc/stat. */
  private static long[] cpuTimes() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length; i++) {
      total += Long.parseLong(f[i]);
    }
    return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
  }

  private static int variantIndex(int run) {
    return (run - 1) % variants().length;
  }

  private static String variant(int run) {
    String v = variants()[variantIndex(run)].strip();
    return v.equals("-") ? "" : v;
  }

  private Map<String, Long> awaitFigures(Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!worker.isAlive()) {
        throw new IllegalStateException("worker exited with " + worker.exitValue() + "; see " + log);
      }
      if (Files.exists(log)) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
          String line = lines.filter(l -> l.contains("recovery-figures")).findFirst().orElse(null);
          if (line != null) {
            Map<String, Long> f = new LinkedHashMap<>();
            Matcher m = FIGURE.matcher(line.substring(line.indexOf("recovery-figures")));
            while (m.find()) {
              f.put(m.group(1), Long.parseLong(m.group(2)));
            }
            return f;
          }
        }
      }
      pause(20);
    }
    throw new IllegalStateException("no recovery-figures line within 120 s in " + log);
  }

  private Path snapshot(String name) throws IOException {
    Path to = work.resolve("snapshots").resolve(name);
    copyTree(dataDir().resolve("journal"), to);
    return to;
  }

  /**
   * Puts a snapshot back as the journal, written through to disk: a worker killed by -9 leaves a
   * journal its batch syncs already wrote, and ~160 MB of freshly copied, dirty cycle files made
   * the restarted worker's first msync wait ~60-100 ms behind their writeback (JFR: the main
   * thread blocked on the journal's monitor while the flusher synced), a wait no real restart has.
   */
  private void restore(Path snapshot) throws IOException, InterruptedException {
    Path journal = dataDir().resolve("journal");
    ScratchDirs.delete(journal);
    copyTree(snapshot, journal);
    sh("sync");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private void kill9(Process p) throws InterruptedException {
    String jfr = System.getProperty("warren.bench.jfrDir", "");
    if (p != null && p.isAlive() && !jfr.isBlank()) {
      try {
        sh("jcmd", Long.toString(p.pid()), "JFR.dump",
            "filename=" + Path.of(jfr).resolve("worker-" + starts + ".jfr").toAbsolutePath());
      } catch (IOException e) {
        System.err.println("JFR dump failed: " + e.getMessage());
      }
    }
    // a program run with the worker's PID and start number before the kill: a profiler's dump
    String beforeKill = System.getProperty("warren.bench.beforeKill", "");
    if (p != null && p.isAlive() && !beforeKill.isBlank()) {
      try {
        sh(beforeKill, Long.toString(p.pid()), Integer.toString(starts));
      } catch (IOException e) {
        System.err.println("before-kill command failed: " + e.getMessage());
      }
    }
    if (p != null && p.isAlive()) {
      p.destroyForcibly(); // SIGKILL
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private synchronized void cleanUp() {
    if (cleanedUp) {
      return;
    }
    cleanedUp = true;
    try {
      kill9(worker);
    } catch (Exception e) {
      System.err.println("cleanup (worker): " + e);
    }
    if (manager != null) {
      try {
        manager.close();
      } catch (Exception e) {
        System.err.println("cleanup (manager): " + e);
      }
    }
    if (runtime != null) {
      runtime.close();
    }
    if (conn != null) {
      try {
        ContainerdExtension.cleanNamespace(conn); // kills and removes every container: shims exit
      } catch (Exception e) {
        System.err.println("cleanup (containers): " + e);
      } finally {
        conn.close();
      }
    }
    try {
      sh(tool("containerd-up"), "--stop", work.resolve("containerd").toString());
    } catch (Exception e) {
      System.err.println("cleanup (containerd): " + e);
    }
    if (Boolean.getBoolean("warren.bench.keep")) {
      System.out.println("kept " + work);
      return;
    }
    try {
      ScratchDirs.delete(work);
    } catch (IOException e) {
      System.err.println("cleanup (work dir): " + e);
    }
  }

  private String tool(String name) {
    return project.resolve("tools").resolve(name).toString();
  }

  private static String sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + seconds + " s waiting for: " + what);
      }
      pause(200);
    }
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
