package io.warren.cli.admin;

import io.warren.api.v1.DeleteSecretRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warren secret rm NAME...}. */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true, description = "Remove secrets.")
final class SecretRemove implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(arity = "1..*", paramLabel = "SECRET", description = "Secret names or ids.")
  List<String> secrets;

  @Override
  public Integer call() {
    try (AdminConnection c = new AdminConnection(manager)) {
      for (String s : secrets) {
        c.call(api -> api.deleteSecret(DeleteSecretRequest.newBuilder().setId(s).build()));
        spec.commandLine().getOut().println(s);
      }
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
