package io.warren.cli.admin;

import io.warren.cli.Units;
import io.warren.api.v1.CreateServiceRequest;
import io.warren.api.v1.PortMapping;
import io.warren.api.v1.ResourceRequirements;
import io.warren.api.v1.RestartPolicy;
import io.warren.api.v1.Service;
import io.warren.api.v1.VolumeMount;
import io.warren.cli.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warren service create NAME --image REF ...}. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a service: REPLICAS copies of IMAGE, spread over the ready nodes.")
final class ServiceCreate implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(index = "0", paramLabel = "NAME", description = "Service name.")
  String name;

  @Option(names = "--image", required = true, paramLabel = "REF", description = "Image reference.")
  String image;

  @Option(names = "--replicas", defaultValue = "1", description = "Number of tasks (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--mode", defaultValue = "replicated", description = "replicated or global.")
  String mode;

  @Option(names = "--command", arity = "1..*", paramLabel = "ARG",
      description = "Command and arguments, replacing the image's.")
  List<String> command = new ArrayList<>();

  @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Environment variable (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit, e.g. 64m.")
  String memory;

  @Option(names = "--cpus", paramLabel = "N", description = "CPU limit in cores, e.g. 0.5.")
  String cpus;

  @Option(names = "--restart", paramLabel = "CONDITION",
      description = "Restart condition: never, on-failure (default), always.")
  String restart;

  @Option(names = "--restart-max-attempts", paramLabel = "N", description = "Restarts before giving up (0: no cap).")
  int restartMaxAttempts;

  @Option(names = "--restart-delay", paramLabel = "DURATION",
      description = "Delay before each restart, e.g. 5s. Default: a back-off, 100 ms doubled for "
          + "each exit in a row that came within 10 s of its start, at most 1 min.")
  String restartDelay;

  @Option(names = "--stop-timeout", paramLabel = "DURATION",
      description = "Grace between SIGTERM and SIGKILL, e.g. 10s (default 10s).")
  String stopTimeout;

  @Option(names = {"-p", "--publish"}, paramLabel = "HOST:CONTAINER[/PROTO]", description = "Publish a port (repeatable).")
  List<String> ports = new ArrayList<>();

  @Option(names = "--secret", paramLabel = "NAME", description = "Mount a secret at /run/secrets/NAME (repeatable).")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--volume", paramLabel = "NAME:PATH[:ro]", description = "Mount a volume (repeatable).")
  List<String> volumes = new ArrayList<>();

  @Override
  public Integer call() {
    CreateServiceRequest.Builder b = CreateServiceRequest.newBuilder().setName(name).setImage(image)
        .setReplicas(replicas).setMode(mode).addAllCommand(command).addAllSecrets(secrets);
    for (String kv : env) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UserError("--env: '" + kv + "' is not K=V");
      }
      b.putEnv(kv.substring(0, eq), kv.substring(eq + 1));
    }
    if (memory != null || cpus != null) {
      ResourceRequirements.Builder r = ResourceRequirements.newBuilder();
      if (memory != null) {
        r.setMemoryBytes(Units.bytes("--memory", memory));
      }
      if (cpus != null) {
        r.setCpuShares(Units.cpuShares("--cpus", cpus));
      }
      b.setResources(r);
    }
    if (restart != null || restartMaxAttempts != 0 || restartDelay != null) {
      b.setRestartPolicy(RestartPolicy.newBuilder().setCondition(restart == null ? "on-failure" : restart)
          .setMaxAttempts(restartMaxAttempts)
          .setDelaySeconds(restartDelay == null ? 0 : Units.seconds("--restart-delay", restartDelay)));
    }
    if (stopTimeout != null) {
      b.setStopTimeout(Units.seconds("--stop-timeout", stopTimeout));
    }
    for (String p : ports) {
      b.addPorts(port(p));
    }
    for (String v : volumes) {
      String[] parts = v.split(":");
      if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("ro"))) {
        throw new UserError("--volume: '" + v + "' is not NAME:PATH[:ro]");
      }
      b.addVolumes(VolumeMount.newBuilder().setSource(parts[0]).setTarget(parts[1])
          .setReadOnly(parts.length == 3));
    }
    try (AdminConnection c = new AdminConnection(manager)) {
      Service s = c.call(api -> api.createService(b.build())).getService();
      spec.commandLine().getOut().println(s.getId());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  private static PortMapping port(String spec) {
    String proto = "tcp";
    String s = spec;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      proto = s.substring(slash + 1);
      s = s.substring(0, slash);
    }
    String[] hc = s.split(":");
    try {
      int host = hc.length == 2 ? Integer.parseInt(hc[0]) : 0;
      int container = Integer.parseInt(hc[hc.length - 1]);
      if (hc.length > 2) {
        throw new NumberFormatException();
      }
      return PortMapping.newBuilder().setHostPort(host).setContainerPort(container).setProtocol(proto).build();
    } catch (NumberFormatException e) {
      throw new UserError("--publish: '" + spec + "' is not HOST:CONTAINER[/PROTO]");
    }
  }
}
