package io.warren.cli.admin;

import io.warren.api.v1.ListNodesRequest;
import io.warren.api.v1.Node;
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

/** {@code warren node ls}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = "List nodes: id, role, status, address, resources, last heartbeat.")
final class NodeList implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Node n : c.call(api -> api.listNodes(ListNodesRequest.getDefaultInstance())).getNodesList()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.getId());
        m.put("role", n.getRole());
        m.put("status", n.getStatus());
        m.put("address", n.getAddress());
        m.put("cpuCores", n.getResources().getCpuCores());
        m.put("memoryBytes", n.getResources().getMemoryBytes());
        m.put("diskBytes", n.getResources().getDiskBytes());
        m.put("lastHeartbeat", Output.time(n.getLastHeartbeat()));
        out.add(m);
      }
      if (json) {
        Output.json(spec.commandLine().getOut(), out);
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (var m : out) {
          rows.add(List.of((String) m.get("id"), (String) m.get("role"), (String) m.get("status"),
              (String) m.get("address"), String.valueOf(m.get("cpuCores")),
              ((long) m.get("memoryBytes") >> 20) + " MiB", (String) m.get("lastHeartbeat")));
        }
        TextTable.print(spec.commandLine().getOut(),
            List.of("ID", "ROLE", "STATUS", "ADDRESS", "CPUS", "MEMORY", "LAST HEARTBEAT"), rows);
      }
    }
    return 0;
  }
}
