package io.warren.worker;

import io.warren.cli.WarrenMain;
import io.warren.journal.Finding;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.load.TaskMachineLoader;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts `warren worker` as a child JVM on a test's data directory (optionally with a crash point). */
final class ChildWorker {
  private ChildWorker() {
  }

  static Process start(Path dir, ContainerdExtension containerd, String manager, String crashPoint,
      String log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1"); // short-lived JVMs: start fast rather than peak
    cmd.add("-Dchronicle.analytics.disable=true");
    cmd.add("-Dchronicle.announcer.disable=true");
    if (!crashPoint.isEmpty()) {
      cmd.add("-Dwarren.crashAfter=" + crashPoint);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WarrenMain.class.getName());
    cmd.addAll(List.of("worker", "--manager", manager, "--insecure", "--node-id", "node-1",
        "--data-dir", dir.toString(), // the worker keeps its state in DATA-DIR/worker
        "--containerd", containerd.socket().toString(),
        "--namespace", containerd.namespace(), "--journal-sync", "none"));
    File out = dir.resolve(log).toFile();
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out)).start();
  }

  /** The one task in the worker's journal, if any yet; fails when there are more. */
  static Optional<TaskView> onlyTask(Path dir) {
    try (JournalInspector j = JournalInspector.open(dir.resolve("worker"))) {
      List<TaskView> all = j.tasks();
      if (all.size() > 1) {
        throw new AssertionError("one task expected: " + all);
      }
      return all.stream().findFirst();
    }
  }

  /** SIGTERM (a clean stop), then SIGKILL if the worker is not gone in 30 s. */
  static void stop(Process worker) throws InterruptedException {
    worker.destroy();
    if (!worker.waitFor(30, TimeUnit.SECONDS)) {
      worker.destroyForcibly().waitFor();
    }
  }

  /** Problems `warren journal verify` would report for the worker's journal. */
  static List<Finding> journalProblems(Path dir) {
    try (JournalInspector j = JournalInspector.open(dir.resolve("worker"))) {
      return j.verify(TaskMachineLoader.taskMachine()).stream().filter(Finding::problem)
          .collect(Collectors.toList());
    }
  }
}
