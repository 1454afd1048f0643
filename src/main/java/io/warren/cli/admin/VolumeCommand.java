package io.warren.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren volume ...}. */
@Command(name = "volume", mixinStandardHelpOptions = true, description = "Named volumes (driver 'local').",
    subcommands = {VolumeCreate.class, VolumeList.class, VolumeRemove.class})
public final class VolumeCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
