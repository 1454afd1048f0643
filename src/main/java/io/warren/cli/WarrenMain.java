package io.warren.cli;

import java.util.Arrays;
import java.util.List;
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
    description = "Warren worker node, embedded manager and tools.")
public final class WarrenMain implements Runnable {

  /** The subcommands, in the order {@code --help} lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
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
      io.warren.cli.logs.LogsCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Netty 4.2 registers Java Flight Recorder event types for its buffer allocator as the first
    // channel is built: ~120 ms of JFR set-up on a cold start, before every daemon can recover
    // (docs/benchmarks-recovery.md). Off unless the operator asks for it with -D.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    io.warren.cli.daemon.DaemonPreload.beginFor(args);
    System.exit(run(args));
  }

  /** Runs the program and returns its exit code; used by tests to drive the real CLI. */
  public static int run(String... args) {
    return newCommandLine(subcommandsFor(args)).execute(args);
  }

  /** The configured command line: exit codes and error handling as the whole CLI uses them. */
  public static CommandLine newCommandLine() {
    return newCommandLine(SUBCOMMANDS);
  }

  /**
   * Only the subcommand the arguments name, when they name one (other than {@code help}), else
   * all. Picocli builds the model of every registered command, reflectively, before it parses:
   * for all of them that was ~200 ms of every start, daemons' recovery included.
   */
  private static List<Class<?>> subcommandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> c : SUBCOMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (c != CommandLine.HelpCommand.class && (command.name().equals(args[0])
            || Arrays.asList(command.aliases()).contains(args[0]))) {
          return List.of(c);
        }
      }
    }
    return SUBCOMMANDS;
  }

  private static CommandLine newCommandLine(List<Class<?>> subcommands) {
    CommandLine cl = new CommandLine(new WarrenMain());
    for (Class<?> c : subcommands) {
      cl.addSubcommand(c);
    }
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
