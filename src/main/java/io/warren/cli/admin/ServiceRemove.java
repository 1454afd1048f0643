package io.warren.cli.admin;

import io.warren.api.v1.DeleteServiceRequest;
import io.warren.api.v1.GetServiceRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warren service rm NAME...}: deletes services; their tasks are shut down. */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
    description = "Remove services; their tasks are stopped.")
final class ServiceRemove implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Service names or ids.")
  List<String> services;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      for (String s : services) {
        String id = c.call(api -> api.getService(GetServiceRequest.newBuilder().setName(s).build()))
            .getService().getId();
        c.call(api -> api.deleteService(DeleteServiceRequest.newBuilder().setId(id).build()));
        spec.commandLine().getOut().println(s);
      }
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
