package io.warren.cli.admin;

import io.warren.api.v1.DeleteVolumeRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warren volume rm NAME...}; refused while a service uses the volume. */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
    description = "Remove volumes that no service uses (data on nodes is kept).")
final class VolumeRemove implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(arity = "1..*", paramLabel = "VOLUME", description = "Volume names or ids.")
  List<String> volumes;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      for (String v : volumes) {
        c.call(api -> api.deleteVolume(DeleteVolumeRequest.newBuilder().setId(v).build()));
        spec.commandLine().getOut().println(v);
      }
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
