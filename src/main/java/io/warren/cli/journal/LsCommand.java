package io.warren.cli.journal;

import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List every task the journal knows: current state, attempt, container id and "
        + "last change time.")
final class LsCommand implements Runnable {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    try (JournalInspector j = JournalInspector.open(opts.workerDataDir())) {
      List<TaskView> views = j.tasks();
      if (opts.json) {
        Cli.printJson(spec.commandLine().getOut(), Cli.tasksJson(views));
      } else {
        Cli.printTaskTable(spec.commandLine().getOut(), views);
      }
    }
  }
}
