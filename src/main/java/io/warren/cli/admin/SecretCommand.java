package io.warren.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren secret ...}. */
@Command(name = "secret", mixinStandardHelpOptions = true,
    description = "Secrets, encrypted at rest by the manager (AES-256-GCM).",
    subcommands = {SecretCreate.class, SecretList.class, SecretRemove.class})
public final class SecretCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
