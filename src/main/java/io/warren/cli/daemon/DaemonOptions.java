package io.warren.cli.daemon;

import io.warren.journal.CheckpointPolicy;
import io.warren.journal.SyncMode;
import io.warren.cli.Units;
import io.warren.cli.UserError;
import io.warren.manager.HostPort;
import io.warren.manager.NodeResources;
import io.warren.worker.WorkerOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by {@code warren up} and {@code warren worker}. */
final class DaemonOptions {
  @Option(names = "--data-dir", defaultValue = "/var/lib/warren", paramLabel = "DIR",
      description = "The worker's journal, certificates and task logs live in DATA-DIR/worker, "
          + "a private containerd (if one is started) in DATA-DIR/containerd. "
          + "Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(names = "--containerd", defaultValue = "auto", paramLabel = "auto|SOCKET",
      description = "containerd socket; 'auto' uses the system containerd if it answers, else "
          + "starts a private one under DATA-DIR/containerd. Default: ${DEFAULT-VALUE}")
  String containerd;

  @Option(names = "--namespace", defaultValue = WorkerOptions.DEFAULT_NAMESPACE,
      description = "containerd namespace this worker owns. Default: ${DEFAULT-VALUE}")
  String namespace;

  @Option(names = "--node-id", paramLabel = "ID",
      description = "This node's id. Default: the host name.")
  String nodeId;

  @Option(names = "--journal-sync", defaultValue = "batch", paramLabel = "none|batch|always",
      description = "What survives an OS crash: none (process crashes only), batch (synced "
          + "every few ms), always (every record). Default: ${DEFAULT-VALUE}")
  String journalSync;

  @Option(names = "--checkpoint-every", paramLabel = "RECORDS",
      description = "Write a checkpoint of every task's state after this many journal records "
          + "(or 10 minutes). A start replays at most about this many records (more makes "
          + "recovery longer); the journal keeps about three times as many. Default: "
          + CheckpointPolicy.DEFAULT_EVERY_RECORDS)
  Long checkpointEvery;

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics (off by default).")
  String metrics;

  @Option(names = "--reap", defaultValue = "on", paramLabel = "on|dry-run",
      description = "What recovery does with containers the journal does not own: remove them "
          + "(on) or only report them (dry-run). Default: ${DEFAULT-VALUE}")
  String reap;

  @Option(names = "--drain-on-stop",
      description = "On SIGTERM/Ctrl-C stop every task gracefully first. By default containers "
          + "keep running and the next start reattaches to them.")
  boolean drainOnStop;

  @Option(names = "--cpus", paramLabel = "N",
      description = "CPU cores this node offers the scheduler. Default: detected.")
  Long cpus;

  @Option(names = "--memory", paramLabel = "SIZE",
      description = "Memory this node offers the scheduler (e.g. 8g). Default: detected.")
  String memory;

  @Option(names = "--disk", paramLabel = "SIZE",
      description = "Disk this node offers the scheduler (e.g. 100g). Default: the size of the "
          + "data directory's file system.")
  String disk;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  /**
   * What RegisterNode advertises: the detected resources with any of --cpus, --memory and
   * --disk in their place.
   */
  NodeResources resources() {
    NodeResources detected = NodeResources.detect(workerDir());
    if (cpus != null && cpus < 0) {
      throw new UserError("--cpus: must be >= 0, got " + cpus);
    }
    return new NodeResources(cpus != null ? cpus : detected.cpuCores(),
        memory != null ? Units.bytes("--memory", memory) : detected.memoryBytes(),
        disk != null ? Units.bytes("--disk", disk) : detected.diskBytes());
  }

  /** The worker's own directory. */
  Path workerDir() {
    return dataDir.resolve("worker");
  }

  /**
   * The containerd the worker connects to as it starts
   * ({@link io.warren.worker.ContainerdLocator}): the given socket (absolute), or 'auto': the
   * system containerd, else one private containerd per data dir ({@link #privateContainerdDir()}).
   * Not probed here: the worker's first connection is the probe, and one fewer gRPC channel on a
   * cold JVM.
   */
  String containerdSocket() {
    return containerd == null || containerd.isBlank() || containerd.equals("auto")
        ? "auto" : Path.of(containerd).toAbsolutePath().normalize().toString();
  }

  /** DATA-DIR/containerd, where 'warren image --containerd auto' looks too. */
  Path privateContainerdDir() {
    return dataDir.resolve("containerd");
  }

  String nodeIdOrHostname() {
    return nodeId != null && !nodeId.isBlank() ? nodeId : hostname();
  }

  static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "worker-1";
    }
  }

  CheckpointPolicy checkpoints() {
    if (checkpointEvery == null) {
      return CheckpointPolicy.DEFAULT;
    }
    if (checkpointEvery < 100) {
      throw new UserError("--checkpoint-every: must be at least 100 records, got "
          + checkpointEvery);
    }
    return CheckpointPolicy.ofRecords(checkpointEvery);
  }

  WorkerOptions toWorkerOptions() {
    boolean dryRun = switch (reap) {
      case "on" -> false;
      case "dry-run" -> true;
      default -> throw new IllegalArgumentException("--reap: expected on or dry-run, got '" + reap + "'");
    };
    InetSocketAddress metricsAddr = null;
    if (metrics != null && !metrics.isBlank()) {
      HostPort hp = HostPort.parse("--metrics", metrics);
      metricsAddr = new InetSocketAddress(hp.host(), hp.port());
    }
    return new WorkerOptions(namespace, SyncMode.parse(journalSync), checkpoints(),
        null, metricsAddr, dryRun, drainOnStop, Duration.ofSeconds(60), null);
  }
}
