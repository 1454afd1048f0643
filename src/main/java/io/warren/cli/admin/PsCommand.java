package io.warren.cli.admin;

import io.warren.api.v1.Container;
import io.warren.api.v1.GetServiceRequest;
import io.warren.api.v1.ListContainersRequest;
import io.warren.cli.TextTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code warren ps}: every task the manager knows, with desired and actual state. */
@Command(name = "ps", mixinStandardHelpOptions = true,
    description = "List tasks: id, service, node, desired and actual state, container id, error.")
public final class PsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Option(names = "--service", paramLabel = "SERVICE", description = "Only this service's tasks.")
  String service;

  @Option(names = "--json", description = "Print a JSON array of objects.")
  boolean json;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      ListContainersRequest.Builder req = ListContainersRequest.newBuilder();
      if (service != null) {
        req.setServiceId(c.call(api -> api.getService(GetServiceRequest.newBuilder().setName(service).build()))
            .getService().getId());
      }
      List<Container> tasks = new ArrayList<>(c.call(api -> api.listContainers(req.build())).getContainersList());
      tasks.sort(Comparator.comparing(Container::getServiceName)
          .thenComparing(t -> t.getCreatedAt().getSeconds()).thenComparing(Container::getId));
      List<Map<String, Object>> out = new ArrayList<>();
      for (Container t : tasks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.getId());
        m.put("service", t.getServiceName());
        m.put("serviceId", t.getServiceId());
        m.put("node", t.getNodeId());
        m.put("image", t.getImage());
        m.put("desiredState", t.getDesiredState());
        m.put("actualState", t.getActualState());
        m.put("containerId", t.getRuntimeContainerId());
        m.put("error", t.getError());
        m.put("updatedAt", Output.time(t.getUpdatedAt()));
        out.add(m);
      }
      if (json) {
        Output.json(spec.commandLine().getOut(), out);
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (var m : out) {
          rows.add(List.of(Output.shortId((String) m.get("id")), (String) m.get("service"),
              (String) m.get("node"), (String) m.get("desiredState"), (String) m.get("actualState"),
              (String) m.get("containerId"), (String) m.get("error")));
        }
        TextTable.print(spec.commandLine().getOut(),
            List.of("ID", "SERVICE", "NODE", "DESIRED", "ACTUAL", "CONTAINER", "ERROR"), rows);
      }
    }
    return 0;
  }
}
