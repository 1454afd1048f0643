package io.warren.cli.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.cli.ExitCodes;
import io.warren.cli.TextTable;
import io.warren.journal.EffectIntent;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import io.warren.recovery.JournaledTask;
import io.warren.recovery.ReconcilePlanner;
import io.warren.recovery.Resolution;
import io.warren.runtime.ContainerIds;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ContainerdSockets;
import io.warren.task.engine.EngineRecovery;
import io.warren.task.machine.Effects;
import io.warren.worker.PrivateContainerd;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The journal's view of each task next to containerd's, and what recovery would do about the
 * difference (the same {@link ReconcilePlanner} the daemon runs). Reads only: safe while the
 * daemon runs.
 */
@Command(name = "diff-live", mixinStandardHelpOptions = true,
    description = {
        "Show each task as the journal sees it (state, attempt, container) next to containerd "
            + "(container present, task status, pid, exit code), and what recovery would do: "
            + "reattach, deliver an exit, reap, answer an open intent.",
        "Read-only; works while the worker runs (then the plan is what a crash now would "
            + "lead to)."})
final class DiffLiveCommand implements Callable<Integer> {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--containerd", paramLabel = "auto|SOCKET", defaultValue = "auto",
      description = "containerd's socket; 'auto' finds the one the worker uses by default: the "
          + "system containerd if it answers, else the private one under the data dir given to "
          + "warren up or warren worker (DATA-DIR/containerd). Default: ${DEFAULT-VALUE}")
  String containerd;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = ContainerdConnection.DEFAULT_NAMESPACE,
      description = "containerd namespace of the worker (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public Integer call() throws Exception {
    Path workerDir = opts.workerDataDir();
    // auto starts nothing: this command only reads
    Path socket = ContainerdSockets.resolve(containerd, privateSocket(workerDir),
        ContainerdSockets::answers);
    List<TaskView> views;
    try (JournalInspector j = JournalInspector.open(workerDir)) {
      views = j.tasks();
    }
    List<ObservedContainer> observed;
    Path scratch = Files.createTempDirectory("warren-diff-live");
    try (ContainerdRuntime rt = new ContainerdRuntime(new ContainerdConnection(socket, namespace),
        null, scratch)) {
      observed = rt.listOwned();
    } finally {
      Files.deleteIfExists(scratch.resolve("exec"));
      Files.deleteIfExists(scratch);
    }
    List<JournaledTask> tasks = new ArrayList<>();
    for (TaskView v : views) {
      tasks.add(journaled(v));
    }
    List<Resolution> plan = ReconcilePlanner.plan(tasks, observed);
    print(rows(tasks, observed, plan));
    return ExitCodes.OK;
  }

  /**
   * The socket of the private containerd a worker on {@code workerDir} starts when no system one
   * answers: {@code DATA-DIR/containerd}, beside {@code DATA-DIR/worker}.
   */
  static Path privateSocket(Path workerDir) {
    Path root = workerDir.toAbsolutePath().getParent();
    return PrivateContainerd.socket((root == null ? workerDir : root).resolve("containerd"));
  }

  /** A task as recovery would see it after replay (EngineRecovery builds the same). */
  static JournaledTask journaled(TaskView v) {
    List<JournaledTask.OpenIntent> open = new ArrayList<>();
    for (EffectIntent i : v.openIntents().values()) {
      open.add(new JournaledTask.OpenIntent(i.effectSeq(), i.effect(), i.containerId()));
    }
    String container;
    try {
      container = ContainerIds.of(v.taskId(), v.attempt());
    } catch (IllegalArgumentException e) {
      container = "";
    }
    return new JournaledTask(v.taskId(), v.attempt(), v.state(), container,
        EngineRecovery.expectationFor(v.state()), open);
  }

  /** One row per journaled task, then one per container no journaled task owns. */
  private static List<Row> rows(List<JournaledTask> tasks, List<ObservedContainer> observed,
      List<Resolution> plan) {
    Map<String, ObservedContainer> byId = new LinkedHashMap<>();
    observed.forEach(c -> byId.put(c.containerId(), c));
    Map<String, List<String>> actions = new LinkedHashMap<>();
    for (Resolution r : plan) {
      actions.computeIfAbsent(key(r), k -> new ArrayList<>()).add(describe(r));
    }
    List<Row> rows = new ArrayList<>();
    TreeSet<String> shown = new TreeSet<>();
    for (JournaledTask t : tasks) {
      ObservedContainer c = byId.get(t.containerId());
      shown.add(t.containerId());
      List<String> a = new ArrayList<>(actions.getOrDefault(t.taskId(), List.of()));
      a.addAll(actions.getOrDefault("container:" + t.containerId(), List.of()));
      rows.add(new Row(t.taskId(), t.state(), t.attempt(), t.containerId(), c, a));
    }
    for (ObservedContainer c : observed) {
      if (!shown.contains(c.containerId())) {
        rows.add(new Row(c.taskId(), "-", c.attempt(), c.containerId(), c,
            actions.getOrDefault("container:" + c.containerId(), List.of())));
      }
    }
    return rows;
  }

  /** Reaps are about a container (owned or not); everything else about a task. */
  private static String key(Resolution r) {
    if (r instanceof Resolution.Reap p) {
      return "container:" + p.containerId();
    }
    if (r instanceof Resolution.IntentResolved i) {
      return i.taskId();
    }
    if (r instanceof Resolution.Reattach a) {
      return a.taskId();
    }
    if (r instanceof Resolution.ExitedWhileDown e) {
      return e.taskId();
    }
    return ((Resolution.Vanished) r).taskId();
  }

  private static String describe(Resolution r) {
    if (r instanceof Resolution.Reap p) {
      return "reap " + p.containerId() + " (" + p.reason() + ")";
    }
    if (r instanceof Resolution.IntentResolved i) {
      String answer = i.tookEffect() ? "took effect"
          : Effects.WATCH.equals(i.effect())
              ? "wait interrupted, resumed under this intent if running"
          : "did not happen";
      return "open intent #" + i.effectSeq() + " " + i.effect() + ": " + answer;
    }
    if (r instanceof Resolution.Reattach a) {
      return "reattach pid " + a.pid();
    }
    if (r instanceof Resolution.ExitedWhileDown e) {
      return "deliver exit " + e.exit().exitCode() + " (exited while down)";
    }
    return "vanished: report lost";
  }

  private void print(List<Row> rows) {
    PrintWriter out = spec.commandLine().getOut();
    if (opts.json) {
      ArrayNode arr = Cli.JSON.createArrayNode();
      for (Row r : rows) {
        ObjectNode n = arr.addObject();
        n.put("task", r.taskId).put("journalState", r.state).put("attempt", r.attempt)
            .put("containerId", r.containerId).put("containerPresent", r.live != null);
        if (r.live != null) {
          n.put("taskStatus", r.live.status().name().toLowerCase());
          n.put("pid", r.live.pid());
          if (r.live.exit() != null) {
            n.put("exitCode", r.live.exit().exitCode());
          }
        }
        ArrayNode a = n.putArray("recovery");
        r.actions.forEach(a::add);
      }
      Cli.printJson(out, arr);
      return;
    }
    List<List<String>> table = new ArrayList<>();
    for (Row r : rows) {
      table.add(List.of(r.taskId, r.state, Integer.toString(r.attempt),
          r.containerId.isEmpty() ? "-" : r.containerId, r.live == null ? "no" : "yes",
          r.live == null ? "-" : r.live.status().name().toLowerCase(),
          r.live == null || r.live.pid() == 0 ? "-" : String.valueOf(r.live.pid()),
          r.live == null || r.live.exit() == null ? "-" : String.valueOf(r.live.exit().exitCode()),
          r.actions.isEmpty() ? "nothing" : String.join("; ", r.actions)));
    }
    TextTable.print(out, List.of("TASK", "JOURNAL", "ATTEMPT", "CONTAINER", "PRESENT", "STATUS",
        "PID", "EXIT", "RECOVERY WOULD"), table);
  }

  private record Row(String taskId, String state, int attempt, String containerId,
      ObservedContainer live, List<String> actions) {}
}
