package io.warren.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren node ...}. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Nodes known to the manager.",
    subcommands = {NodeList.class})
public final class NodeCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
