package io.warren.cli.admin;

import io.warren.api.v1.GetServiceRequest;
import io.warren.api.v1.Service;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warren service inspect NAME}: the whole service as JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a service (by name or id) as JSON.")
final class ServiceInspect implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name or id.")
  String service;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      Service s = c.call(api -> api.getService(GetServiceRequest.newBuilder().setName(service).build()))
          .getService();
      Output.json(spec.commandLine().getOut(), describe(s));
    }
    return 0;
  }

  static Map<String, Object> describe(Service s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.getId());
    m.put("name", s.getName());
    m.put("image", s.getImage());
    m.put("mode", s.getMode());
    m.put("replicas", s.getReplicas());
    m.put("command", s.getCommandList());
    m.put("env", s.getEnvMap());
    m.put("cpuShares", s.getResources().getCpuShares());
    m.put("memoryBytes", s.getResources().getMemoryBytes());
    m.put("restartCondition", s.hasRestartPolicy() ? s.getRestartPolicy().getCondition() : "on-failure");
    m.put("restartMaxAttempts", s.getRestartPolicy().getMaxAttempts());
    m.put("stopTimeoutSeconds", s.getStopTimeout());
    m.put("ports", s.getPortsList().stream().map(p -> p.getHostPort() + ":" + p.getContainerPort()
        + "/" + (p.getProtocol().isEmpty() ? "tcp" : p.getProtocol())).toList());
    m.put("secrets", s.getSecretsList());
    m.put("volumes", s.getVolumesList().stream().map(v -> v.getSource() + ":" + v.getTarget()
        + (v.getReadOnly() ? ":ro" : "")).toList());
    m.put("createdAt", Output.time(s.getCreatedAt()));
    m.put("updatedAt", Output.time(s.getUpdatedAt()));
    return m;
  }
}
