package io.warren.cli.admin;

import io.warren.api.v1.ListSecretsRequest;
import io.warren.api.v1.Secret;
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

/** {@code warren secret ls}: names and ids, never values. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List secrets (no values).")
final class SecretList implements Callable<Integer> {
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
      for (Secret s : c.call(api -> api.listSecrets(ListSecretsRequest.getDefaultInstance())).getSecretsList()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.getId());
        m.put("name", s.getName());
        m.put("createdAt", Output.time(s.getCreatedAt()));
        out.add(m);
      }
      if (json) {
        Output.json(spec.commandLine().getOut(), out);
      } else {
        TextTable.print(spec.commandLine().getOut(), List.of("ID", "NAME", "CREATED"), out.stream()
            .map(m -> List.of(Output.shortId((String) m.get("id")), (String) m.get("name"),
                (String) m.get("createdAt"))).toList());
      }
    }
    return 0;
  }
}
