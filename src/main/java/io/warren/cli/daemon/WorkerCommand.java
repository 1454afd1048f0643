package io.warren.cli.daemon;

import io.warren.manager.WorkerConfig;
import io.warren.worker.Worker;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {
        "Run a worker node that joins a Warren manager.",
        "",
        "On start it locks DATA-DIR, replays its journal, reconciles with containerd (reattaching "
            + "to running containers, reaping what it does not own), and only then registers "
            + "with the manager. The first start needs --token; the certificate it gets is kept "
            + "in DATA-DIR/certs for later starts."})
public final class WorkerCommand implements Callable<Integer> {
  @Mixin
  DaemonOptions daemon;

  @Option(names = "--manager", required = true, paramLabel = "HOST:PORT",
      description = "The manager's Warren API address.")
  String manager;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Join token (from 'warren token create' on the manager); needed on first start.")
  String token;

  @Option(names = "--insecure",
      description = "Plaintext gRPC without authentication (loopback development only).")
  boolean insecure;

  @Override
  public Integer call() throws Exception {
    WorkerConfig.Builder b = WorkerConfig.builder()
        .nodeId(daemon.nodeIdOrHostname())
        .managerAddress(manager)
        .dataDir(daemon.workerDir())
        .containerdSocket(daemon.containerdSocket())
        .privateContainerdDir(daemon.privateContainerdDir())
        .resources(daemon.resources())
        .plaintext(insecure);
    if (token != null) {
      b.joinToken(token);
    }
    Worker worker = new Worker(b.build(), daemon.toWorkerOptions(), Clock.systemUTC(),
        DaemonPreload.take());
    worker.start();
    return Foreground.run(worker, null);
  }
}
