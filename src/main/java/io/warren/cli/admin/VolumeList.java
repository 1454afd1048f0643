package io.warren.cli.admin;

import io.warren.api.v1.ListVolumesRequest;
import io.warren.api.v1.Volume;
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

/** {@code warren volume ls}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List volumes.")
final class VolumeList implements Callable<Integer> {
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
      for (Volume v : c.call(api -> api.listVolumes(ListVolumesRequest.getDefaultInstance())).getVolumesList()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.getId());
        m.put("name", v.getName());
        m.put("driver", v.getDriver());
        m.put("labels", v.getLabelsMap());
        m.put("createdAt", Output.time(v.getCreatedAt()));
        out.add(m);
      }
      if (json) {
        Output.json(spec.commandLine().getOut(), out);
      } else {
        TextTable.print(spec.commandLine().getOut(), List.of("ID", "NAME", "DRIVER", "CREATED"),
            out.stream()
            .map(m -> List.of(Output.shortId((String) m.get("id")), (String) m.get("name"),
                (String) m.get("driver"), (String) m.get("createdAt"))).toList());
      }
    }
    return 0;
  }
}
