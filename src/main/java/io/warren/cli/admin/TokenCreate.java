package io.warren.cli.admin;

import io.warren.api.v1.GenerateJoinTokenRequest;
import io.warren.api.v1.GenerateJoinTokenResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code warren token create [--role worker|manager]}: prints a join token (valid 24 h, reusable,
 * forgotten when the manager restarts, as in Warren). The token is the output: nothing else
 * records it.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a join token (valid 24 h) for 'warren worker --token'.")
final class TokenCreate implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Option(names = "--role", defaultValue = "worker", description = "worker or manager (default: ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--json", description = "Print token, role and expiry as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      GenerateJoinTokenResponse t = c.call(api -> api.generateJoinToken(
          GenerateJoinTokenRequest.newBuilder().setRole(role).build()));
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", t.getToken());
        m.put("role", t.getRole());
        m.put("expiresAt", Output.time(t.getExpiresAt()));
        Output.json(spec.commandLine().getOut(), m);
      } else {
        spec.commandLine().getOut().println(t.getToken());
        spec.commandLine().getOut().flush();
      }
    }
    return 0;
  }
}
