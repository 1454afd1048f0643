package io.warren.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren token ...}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Join tokens for new nodes.",
    subcommands = {TokenCreate.class})
public final class TokenCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
