package io.warren.cli.admin;

import io.warren.api.v1.CreateVolumeRequest;
import io.warren.cli.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warren volume create NAME [--driver local] [--opt K=V]... [--label K=V]...}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a named volume.")
final class VolumeCreate implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(index = "0", paramLabel = "NAME", description = "Volume name.")
  String name;

  @Option(names = "--driver", defaultValue = "local", description = "Volume driver (default: ${DEFAULT-VALUE}).")
  String driver;

  @Option(names = "--opt", paramLabel = "K=V", description = "Driver option (repeatable).")
  List<String> opts = new ArrayList<>();

  @Option(names = "--label", paramLabel = "K=V", description = "Label (repeatable).")
  List<String> labels = new ArrayList<>();

  @Override
  public Integer call() {
    CreateVolumeRequest.Builder b = CreateVolumeRequest.newBuilder().setName(name).setDriver(driver);
    for (String kv : opts) {
      b.putDriverOpts(key("--opt", kv), kv.substring(kv.indexOf('=') + 1));
    }
    for (String kv : labels) {
      b.putLabels(key("--label", kv), kv.substring(kv.indexOf('=') + 1));
    }
    try (AdminConnection c = new AdminConnection(manager)) {
      String id = c.call(api -> api.createVolume(b.build())).getVolume().getId();
      spec.commandLine().getOut().println(id);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  private static String key(String option, String kv) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      throw new UserError(option + ": '" + kv + "' is not K=V");
    }
    return kv.substring(0, eq);
  }
}
