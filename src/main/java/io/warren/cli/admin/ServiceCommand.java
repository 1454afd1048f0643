package io.warren.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren service ...}: the group; each verb is its own class. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Create, list, inspect, scale and remove services on a manager.",
    subcommands = {ServiceCreate.class, ServiceList.class, ServiceInspect.class, ServiceScale.class,
        ServiceRemove.class})
public final class ServiceCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
