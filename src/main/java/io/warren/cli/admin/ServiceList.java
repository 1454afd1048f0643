package io.warren.cli.admin;

import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.ListServicesRequest;
import io.warren.api.v1.Service;
import io.warren.cli.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code warren service ls}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = "List services with their running/desired replica counts.")
final class ServiceList implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      List<Service> services = c.call(api -> api.listServices(ListServicesRequest.getDefaultInstance()))
          .getServicesList();
      var containers = c.call(api -> api.listContainers(ListContainersRequest.getDefaultInstance()))
          .getContainersList();
      List<Map<String, Object>> out = new ArrayList<>();
      for (Service s : services) {
        long running = containers.stream().filter(t -> t.getServiceId().equals(s.getId())
            && t.getDesiredState().equals("running") && t.getActualState().equals("running")).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.getId());
        m.put("name", s.getName());
        m.put("image", s.getImage());
        m.put("mode", s.getMode());
        m.put("replicas", s.getReplicas());
        m.put("running", running);
        out.add(m);
      }
      if (json) {
        Output.json(spec.commandLine().getOut(), out);
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (var m : out) {
          rows.add(List.of(Output.shortId((String) m.get("id")), (String) m.get("name"),
              (String) m.get("image"), m.get("running") + "/" + m.get("replicas")));
        }
        TextTable.print(spec.commandLine().getOut(), List.of("ID", "NAME", "IMAGE", "REPLICAS"),
            rows);
      }
    }
    return 0;
  }
}
