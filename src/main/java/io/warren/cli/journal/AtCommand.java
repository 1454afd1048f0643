package io.warren.cli.journal;

import io.warren.cli.UserError;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "at", mixinStandardHelpOptions = true,
    description = "The state of every task at a past instant (from the records retained since "
        + "the oldest checkpoint kept).")
final class AtCommand implements Runnable {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TIME",
      description = "ISO-8601 instant (2026-11-26T05:00:00Z) or epoch milliseconds.")
  String time;

  @Override
  public void run() {
    long millis = parse(time);
    try (JournalInspector j = JournalInspector.open(opts.workerDataDir())) {
      List<TaskView> views = j.at(millis).views();
      if (opts.json) {
        Cli.printJson(spec.commandLine().getOut(), Cli.tasksJson(views));
      } else {
        spec.commandLine().getOut().println("tasks at " + Cli.time(millis) + ":");
        Cli.printTaskTable(spec.commandLine().getOut(), views);
      }
    }
  }

  static long parse(String value) {
    String v = value.trim();
    if (v.matches("-?\\d+")) {
      return Long.parseLong(v);
    }
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new UserError("TIME: cannot parse '" + value
          + "' (expected ISO-8601 like 2026-11-26T05:00:00Z, or epoch milliseconds)");
    }
  }
}
