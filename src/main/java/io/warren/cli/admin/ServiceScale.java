package io.warren.cli.admin;

import io.warren.api.v1.GetServiceRequest;
import io.warren.api.v1.UpdateServiceRequest;
import io.warren.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warren service scale NAME N}. */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Set a service's replica count (0 stops every task but keeps the service).")
final class ServiceScale implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name or id.")
  String service;

  @Parameters(index = "1", paramLabel = "REPLICAS", description = "New replica count.")
  int replicas;

  @Override
  public Integer call() {
    if (replicas < 0) {
      throw new UserError("REPLICAS: must be >= 0, got " + replicas);
    }
    try (AdminConnection c = new AdminConnection(manager)) {
      String id = c.call(api -> api.getService(GetServiceRequest.newBuilder().setName(service).build()))
          .getService().getId();
      c.call(api -> api.updateService(UpdateServiceRequest.newBuilder().setId(id).setReplicas(replicas)
          .setReplicasSet(true).build()));
      spec.commandLine().getOut().println(service + " scaled to " + replicas);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
