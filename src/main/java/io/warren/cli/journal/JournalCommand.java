package io.warren.cli.journal;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren journal ...}: read-only inspection (and import) of a worker's journal. */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = {
        "Inspect a worker's journal: tasks, timelines, live tail, stats, integrity and invariant "
            + "checks, JSON-lines export/import, state at a past instant.",
        "Every verb reads while the daemon writes; only import writes (and refuses a locked "
            + "data directory)."},
    subcommands = {
        LsCommand.class,
        ShowCommand.class,
        TailCommand.class,
        StatsCommand.class,
        VerifyCommand.class,
        ExportCommand.class,
        ImportCommand.class,
        AtCommand.class,
        DiffLiveCommand.class,
    })
public final class JournalCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
