package io.warren.cli.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.cli.TaskRef;
import io.warren.journal.EffectIntent;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import io.warren.journal.TaskViews;
import io.warren.journal.TimelineEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "A task's timeline: each transition and effect with its time, and the time "
        + "spent in each state.")
final class ShowCommand implements Runnable {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TASK", description = "Task id or unique prefix.")
  String taskId;

  @Override
  public void run() {
    TaskViews views;
    Path dir = opts.workerDataDir();
    try (JournalInspector j = JournalInspector.open(dir)) {
      views = j.fold();
    }
    TaskView v = TaskRef.pick(views.views(), taskId, dir);
    long now = views.lastTimeMillis();
    Map<String, Long> spent = v.timeInStates(now);
    PrintWriter out = spec.commandLine().getOut();
    if (opts.json) {
      ObjectNode n = Cli.taskJson(v);
      ArrayNode tl = n.putArray("timeline");
      List<TimelineEntry> entries = v.timeline();
      for (int i = 0; i < entries.size(); i++) {
        TimelineEntry e = entries.get(i);
        ObjectNode o = tl.addObject();
        o.put("index", e.index());
        o.put("time", Cli.time(e.timeMillis()));
        o.put("timeMillis", e.timeMillis());
        o.put("kind", e.kind());
        o.put("what", e.what());
        o.put("state", e.state());
      }
      ObjectNode s = n.putObject("timeInStatesMillis");
      spent.forEach(s::put);
      ArrayNode open = n.putArray("openIntentList");
      for (EffectIntent i : v.openIntents().values()) {
        open.addObject().put("effectSeq", i.effectSeq()).put("effect", i.effect())
            .put("containerId", i.containerId()).put("time", Cli.time(i.timeMillis()));
      }
      Cli.printJson(out, n);
      return;
    }
    out.printf("task %s  state %s  attempt %d  container %s  image %s%n", v.taskId(),
        v.state().isEmpty() ? "-" : v.state(), v.attempt(),
        v.containerId().isEmpty() ? "-" : v.containerId(), v.image().isEmpty() ? "-" : v.image());
    out.println();
    out.printf("%-24s %12s %-14s %-10s %s%n", "TIME", "INDEX", "RECORD", "FOR", "WHAT");
    List<TimelineEntry> entries = v.timeline();
    for (int i = 0; i < entries.size(); i++) {
      TimelineEntry e = entries.get(i);
      String dwell = "";
      if ("Transition".equals(e.kind()) || "Checkpoint".equals(e.kind())) {
        long until = now;
        for (int k = i + 1; k < entries.size(); k++) {
          String kind = entries.get(k).kind();
          if ("Transition".equals(kind) || "Checkpoint".equals(kind)) {
            until = entries.get(k).timeMillis();
            break;
          }
        }
        dwell = Cli.duration(Math.max(0, until - e.timeMillis()));
      }
      out.printf("%-24s %12d %-14s %-10s %s%n", Cli.time(e.timeMillis()), e.index(), e.kind(),
          dwell, e.what());
    }
    out.println();
    out.println("time in state:");
    // The journal is the only clock here (the same view for a live worker and an exported
    // journal), so the current state counts up to the last record, which may be long ago.
    spent.forEach((state, ms) -> out.printf("  %-16s %s%s%n", state, Cli.duration(ms),
        state.equals(v.state()) ? "  (current: up to the journal's last record, "
            + Cli.time(now) + ")" : ""));
    if (!v.openIntents().isEmpty()) {
      out.println("open intents (no outcome journaled):");
      v.openIntents().values().forEach(i -> out.printf("  #%d %s %s since %s%n", i.effectSeq(),
          i.effect(), i.containerId(), Cli.time(i.timeMillis())));
    }
    out.flush();
  }
}
