package io.warren.cli.daemon;

import io.warren.embedded.EmbeddedManager;
import io.warren.manager.WorkerConfig;
import io.warren.worker.Worker;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Run Warren on this machine: an embedded manager and a worker in one process "
            + "(Warren's hybrid mode), in the foreground.",
        "",
        "Services, secrets and volumes persist in DATA-DIR/manager; the worker's journal in "
            + "DATA-DIR/worker. Ctrl-C stops both and leaves containers running; the next "
            + "'warren up' reattaches to them."})
public final class UpCommand implements Callable<Integer> {
  @Mixin
  DaemonOptions daemon;

  @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "HOST:PORT",
      description = "Where the manager serves the Warren API. Default: ${DEFAULT-VALUE}")
  String listen;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String nodeId = daemon.nodeIdOrHostname();
    EmbeddedManager manager = LocalManager.start(listen, daemon.dataDir, nodeId);
    Worker worker;
    try {
      worker = Worker.embedded(manager, WorkerConfig.builder()
          .nodeId(nodeId)
          .dataDir(daemon.workerDir())
          .containerdSocket(daemon.containerdSocket())
          .privateContainerdDir(daemon.privateContainerdDir())
          .resources(daemon.resources()), daemon.toWorkerOptions(), Clock.systemUTC(),
          DaemonPreload.take());
      worker.start();
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Warren is up: manager on " + manager.address() + ", worker '" + nodeId
        + "', data in " + daemon.dataDir);
    if (!manager.address().isLoopback()) {
      AdminIdentity.provide(manager, daemon.dataDir.resolve("manager"), out);
    }
    out.println("Deploy something (from another terminal):");
    out.println("  tools/warren image import FILE.tar      # or: tools/warren image pull REF");
    out.println("  tools/warren service create web --image REF --replicas 2");
    out.println("  tools/warren ps");
    out.println("Ctrl-C stops Warren; containers keep running and are reattached on the next 'up'.");
    out.flush();
    return Foreground.run(worker, manager);
  }
}
