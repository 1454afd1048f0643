package io.warren.cli.logs;

import io.warren.cli.UserError;
import io.warren.cli.WorkerDataDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warren logs TASK}: a task's output, read from the files the worker's containerd runtime
 * writes on this machine. Local by design: the worker does not ship logs to the manager, so this
 * runs on the node that runs the task and reads that worker's data directory.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = {
        "Print the output of a task running on this machine (its current attempt).",
        "TASK is a task id or a unique prefix of one (warren ps prints the first 12 characters).",
        "The task is looked up in the local worker journal; its output is in"
            + " <worker data dir>/logs/<container id>.stdout.log and .stderr.log.",
        "The task's stdout goes to stdout and its stderr to stderr; a header naming the attempt"
            + " and container goes to stderr."})
public final class LogsCommand implements Runnable {
  static final long FOLLOW_POLL_MILLIS = 200;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TASK", description = "Task id or unique prefix.")
  String task;

  @Option(names = {"-f", "--follow"},
      description = "Keep printing output as it is written, across log rotation, until interrupted.")
  boolean follow;

  @Option(names = "--stdout", description = "Only the task's stdout.")
  boolean stdoutOnly;

  @Option(names = "--stderr", description = "Only the task's stderr.")
  boolean stderrOnly;

  @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "-1",
      description = "Print only the last N lines of each stream first (default: all).")
  int tail;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/warren/worker",
      description = {"The worker's data directory (default: ${DEFAULT-VALUE}, where warren up"
          + " keeps it). The directory given to warren up --data-dir works too: its worker/"
          + " subdirectory is used."})
  Path dataDir;

  @Override
  public void run() {
    if (stdoutOnly && stderrOnly) {
      throw new UserError("--stdout and --stderr: give at most one (neither prints both)");
    }
    if (tail < -1) {
      throw new UserError("--tail must be >= 0, got " + tail);
    }
    TaskLogLocator.TaskLog log = TaskLogLocator.locate(WorkerDataDir.resolve(dataDir), task);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<LogFollower> streams = new ArrayList<>();
    if (!stderrOnly) {
      streams.add(new LogFollower(existing(log, log.stdout()), new DecodingOutputStream(out)));
    }
    if (!stdoutOnly) {
      streams.add(new LogFollower(existing(log, log.stderr()), new DecodingOutputStream(err)));
    }
    err.println("==> task " + log.taskId() + " attempt " + log.attempt() + ", container "
        + log.containerId() + " (" + (log.state().isEmpty() ? "no state yet" : log.state()) + ")");
    err.flush();
    try {
      for (LogFollower s : streams) {
        s.printInitial(tail);
      }
      while (follow && !Thread.currentThread().isInterrupted()) {
        boolean any = false;
        for (LogFollower s : streams) {
          any |= s.poll();
        }
        if (!any) {
          // Following a file is polling, as tail -f does: the shim appends to a plain file and
          // rotation truncates it, so there is no event to wait on that covers both.
          Thread.sleep(FOLLOW_POLL_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // interrupted while following: a normal end
    } catch (IOException e) {
      throw new UncheckedIOException("reading the logs of task " + log.taskId() + ": "
          + e.getMessage(), e);
    }
  }

  private static Path existing(TaskLogLocator.TaskLog log, Path file) {
    if (!Files.exists(file)) {
      // not bad input: the task exists but its output is not here (exit 1, not 2)
      throw new IllegalStateException("task " + log.taskId() + " attempt " + log.attempt()
          + ": log file " + file + " does not exist (container " + log.containerId() + " not started on this"
          + " machine yet, or its logs were removed)");
    }
    return file;
  }
}
