package io.warren.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code warren} program: one picocli command with a subcommand per area. Exit codes are the
 * same everywhere ({@link ExitCodes}); errors print as one line, with a stack trace only under
 * {@code --debug} ({@link ErrorHandler}).
 */
@Command(
    name = "warren",
    mixinStandardHelpOptions = true,
    versionProvider = WarrenMain.Version.class,
    description = "Warren worker node, embedded manager and tools.",
    subcommands = {
        CommandLine.HelpCommand.class,
        io.warren.cli.daemon.UpCommand.class,
        io.warren.cli.daemon.WorkerCommand.class,
        io.warren.cli.daemon.ManagerCommand.class,
        io.warren.cli.journal.JournalCommand.class,
        io.warren.cli.replay.ReplayCommand.class,
        io.warren.cli.image.ImageCommand.class,
        io.warren.cli.admin.ServiceCommand.class,
        io.warren.cli.admin.PsCommand.class,
        io.warren.cli.admin.NodeCommand.class,
        io.warren.cli.admin.SecretCommand.class,
        io.warren.cli.admin.VolumeCommand.class,
        io.warren.cli.admin.TokenCommand.class,
        io.warren.cli.logs.LogsCommand.class,
    })
public final class WarrenMain implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the program and returns its exit code; used by tests to drive the real CLI. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** The configured command line: exit codes and error handling as the whole CLI uses them. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new WarrenMain());
    ErrorHandler handler = new ErrorHandler();
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    cl.setExitCodeExceptionMapper(handler);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = WarrenMain.class.getPackage().getImplementationVersion();
      return new String[] {"warren " + (v == null ? "dev" : v)};
    }
  }
}
