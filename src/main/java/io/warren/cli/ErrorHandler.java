package io.warren.cli;

import java.util.Arrays;
import picocli.CommandLine;

/**
 * The one place exceptions become output and exit codes: a single "warren: error: ..." line on
 * stderr, the stack trace only when {@code --debug} is on the command line.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler,
        CommandLine.IExitCodeExceptionMapper {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl,
      CommandLine.ParseResult parseResult) {
    boolean debug = Arrays.asList(parseResult.originalArgs().toArray(new String[0]))
        .contains("--debug");
    cl.getErr().println("warren: error: " + oneLine(ex));
    if (debug) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return getExitCode(ex);
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    cl.getErr().println("warren: " + ex.getMessage());
    cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    cl.getErr().flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int getExitCode(Throwable ex) {
    if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }

  private static String oneLine(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = ex.getClass().getSimpleName();
    }
    return msg.replace('\n', ' ');
  }
}
