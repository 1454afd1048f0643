package io.warren.cli.admin;

import com.google.protobuf.ByteString;
import io.warren.api.v1.CreateSecretRequest;
import io.warren.cli.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warren secret create NAME --file F | -}. The value is read from a file or stdin (never
 * from the command line, where it would land in shell history and ps output).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a secret from a file, or from stdin with '-'.")
final class SecretCreate implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManagerOptions manager;

  @Parameters(index = "0", paramLabel = "NAME", description = "Secret name.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "-", description = "'-' reads the value from stdin.")
  String dash;

  @Option(names = "--file", paramLabel = "FILE", description = "File holding the value.")
  Path file;

  /** Where '-' reads from; tests replace it. */
  static InputStream stdin = System.in;

  @Override
  public Integer call() {
    byte[] data = read();
    try (AdminConnection c = new AdminConnection(manager)) {
      String id = c.call(api -> api.createSecret(CreateSecretRequest.newBuilder().setName(name)
          .setData(ByteString.copyFrom(data)).build())).getSecret().getId();
      spec.commandLine().getOut().println(id);
      spec.commandLine().getOut().flush();
    } finally {
      java.util.Arrays.fill(data, (byte) 0);
    }
    return 0;
  }

  private byte[] read() {
    boolean fromStdin = "-".equals(dash);
    if (dash != null && !fromStdin) {
      throw new UserError("unexpected argument '" + dash + "': the value comes from --file F or '-' (stdin)");
    }
    if (fromStdin == (file != null)) {
      throw new UserError("give exactly one of --file F or '-' (stdin)");
    }
    try {
      return fromStdin ? stdin.readAllBytes() : Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserError((fromStdin ? "stdin" : "--file " + file) + ": cannot read: " + e.getMessage());
    }
  }
}
