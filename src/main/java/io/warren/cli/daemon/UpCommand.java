package io.warren.cli.daemon;

import io.warren.cli.admin.ManagerOptions;
import io.warren.embedded.EmbeddedManager;
import io.warren.manager.WorkerConfig;
import io.warren.runtime.containerd.ContainerdSockets;
import io.warren.worker.Worker;
import io.warren.worker.WorkerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

  @Option(names = "--listen", defaultValue = ManagerOptions.DEFAULT_ADDRESS,
      paramLabel = "HOST:PORT",
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
    Path socket = worker.containerdSocket();
    deployHints(imageCommandsFind(socket) ? null : socket, daemon.namespace,
        manager.address().toString()).forEach(out::println);
    out.println("Ctrl-C stops Warren; containers keep running and are reattached on the next 'up'.");
    out.flush();
    return Foreground.run(worker, manager);
  }

  /** True if the image commands' {@code --containerd auto} reaches {@code socket}. */
  private static boolean imageCommandsFind(Path socket) {
    try {
      return ContainerdSockets.resolve("auto").equals(socket);
    } catch (IllegalArgumentException noneAnswers) {
      return false;
    }
  }

  /**
   * What to run next, with the flags this instance needs: the image commands find containerd with
   * {@code --containerd auto} and the admin commands the manager at their default address, so a
   * non-default data dir, namespace or listen address must be spelled out.
   *
   * @param socket containerd's socket if {@code --containerd auto} would not find it, else null
   */
  static List<String> deployHints(Path socket, String namespace, String managerAddress) {
    String image = (socket == null ? "" : " --containerd " + socket)
        + (namespace.equals(WorkerOptions.DEFAULT_NAMESPACE) ? "" : " --namespace " + namespace);
    String admin = managerAddress.equals(ManagerOptions.DEFAULT_ADDRESS) ? ""
        : " --manager " + managerAddress;
    return List.of(
        "Deploy something (from another terminal):",
        "  tools/warren image import FILE.tar" + image
            + "      # or: tools/warren image pull REF" + image,
        "  tools/warren service create web --image REF --replicas 2" + admin,
        "  tools/warren ps" + admin);
  }
}
