package io.warren.cli.admin;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.warren.api.v1.WarrenAPIGrpc;
import io.warren.cli.UserError;
import io.warren.manager.HostPort;
import io.warren.manager.ManagerChannels;
import io.warren.manager.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One admin connection to a manager. TLS when {@code --ca/--cert/--key} are given or
 * {@code ~/.warren/certs/cli/} holds them (Warren's CLI location); otherwise plaintext, which is
 * allowed only to a loopback address (the embedded manager's default).
 */
final class AdminConnection implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 10;

  private final ManagedChannel channel;
  private final HostPort address;

  AdminConnection(ManagerOptions o) {
    address = HostPort.parse("--manager", o.manager);
    Path home = Path.of(System.getProperty("user.home"), ".warren", "certs", "cli");
    Path ca = o.ca;
    Path cert = o.cert;
    Path key = o.key;
    if (ca == null && cert == null && key == null && !address.isLoopback()
        && Files.isRegularFile(home.resolve("ca.crt"))) {
      ca = home.resolve("ca.crt");
      cert = home.resolve("node.crt");
      key = home.resolve("node.key");
    }
    if (ca != null || cert != null || key != null) {
      if (ca == null || cert == null || key == null) {
        throw new UserError("--ca, --cert and --key go together (TLS needs all three)");
      }
      channel = ManagerChannels.mutualTls(address, Pem.certificates(read("--cert", cert)).get(0),
          Pem.privateKey(read("--key", key)), Pem.certificates(read("--ca", ca)), Optional.empty());
    } else if (address.isLoopback()) {
      channel = NettyChannelBuilder.forAddress(address.host(), address.port()).usePlaintext().build();
    } else {
      throw new UserError("--manager " + address + " is not loopback: give --ca, --cert and --key "
          + "(or put them in " + home + ")");
    }
  }

  private static byte[] read(String option, Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UserError(option + ": cannot read " + p + ": " + e.getMessage());
    }
  }

  /**
   * Makes one call. A manager's INVALID_ARGUMENT is the user's to fix (exit 2); anything else is
   * a failure (exit 1) with the manager's own message.
   */
  <T> T call(Function<WarrenAPIGrpc.WarrenAPIBlockingStub, T> rpc) {
    try {
      return rpc.apply(WarrenAPIGrpc.newBlockingStub(channel)
          .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS));
    } catch (StatusRuntimeException e) {
      Status s = e.getStatus();
      String d = s.getDescription() == null ? s.getCode().name() : s.getDescription();
      switch (s.getCode()) {
        case INVALID_ARGUMENT -> throw new UserError(d);
        case UNAVAILABLE, DEADLINE_EXCEEDED ->
            throw new AdminFailure("cannot reach the manager at " + address + " (" + d + ")");
        default -> throw new AdminFailure(d);
      }
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }

  /** The manager refused or failed a call: exit code 1. */
  static final class AdminFailure extends RuntimeException {
    AdminFailure(String message) {
      super(message);
    }
  }
}
