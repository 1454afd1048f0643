package io.warren.cli.daemon;

import io.warren.cli.admin.ManagerOptions;
import io.warren.embedded.EmbeddedManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "manager", mixinStandardHelpOptions = true,
    description = {
        "Run the embedded Warren manager alone, without a worker, in the foreground: for a "
            + "machine that schedules but runs no containers, with workers joining it "
            + "('warren worker').",
        "",
        "On a loopback address it serves plaintext gRPC (workers join with --insecure); on any "
            + "other address mutual TLS, and workers join with a token from 'warren token create'. "
            + "Services, secrets and volumes persist in DATA-DIR/manager."})
public final class ManagerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "/var/lib/warren", paramLabel = "DIR",
      description = "The manager's state lives in DATA-DIR/manager. Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(names = "--listen", defaultValue = ManagerOptions.DEFAULT_ADDRESS,
      paramLabel = "HOST:PORT",
      description = "Where the manager serves the Warren API. Default: ${DEFAULT-VALUE}")
  String listen;

  @Option(names = "--node-id", paramLabel = "ID",
      description = "The manager's node id. Default: the host name.")
  String nodeId;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    EmbeddedManager manager = LocalManager.start(listen, dataDir,
        nodeId == null || nodeId.isBlank() ? DaemonOptions.hostname() : nodeId);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Warren manager is up on " + manager.address() + ", state in "
        + dataDir.resolve("manager"));
    if (manager.address().isLoopback()) {
      out.println("Join a worker on this machine (plaintext: loopback only):");
      out.println("  tools/warren worker --manager " + manager.address() + " --insecure --data-dir DIR");
    } else {
      AdminIdentity.provide(manager, dataDir.resolve("manager"), out);
      out.println("Join a worker (on its machine, with a token from this one):");
      out.println("  tools/warren token create --manager " + manager.address() + "   # prints TOKEN");
      out.println("  tools/warren worker --manager " + manager.address() + " --token TOKEN");
    }
    out.println("Ctrl-C stops the manager; its state is kept for the next start.");
    out.flush();
    return Foreground.run(null, manager);
  }
}
