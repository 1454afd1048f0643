package io.warren.worker;

import io.warren.journal.CheckpointPolicy;
import io.warren.journal.SyncMode;
import io.warren.manager.SessionTimings;
import io.warren.runtime.image.RegistryConfig;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the worker daemon runs, beyond who it is ({@link io.warren.manager.WorkerConfig}).
 *
 * @param namespace containerd namespace the worker owns (one worker per namespace)
 * @param metrics where to serve Prometheus metrics, or null for none
 * @param reapDryRun report what recovery would reap without touching it
 * @param drainOnStop stop every task gracefully when the daemon stops (default: leave them
 *     running, so the next start reattaches)
 */
public record WorkerOptions(String namespace, SyncMode sync, CheckpointPolicy checkpoints,
    SessionTimings timings, InetSocketAddress metrics, boolean reapDryRun, boolean drainOnStop,
    Duration drainTimeout, RegistryConfig registries) {

  public static final String DEFAULT_NAMESPACE = "warren";

  public WorkerOptions {
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    sync = sync == null ? SyncMode.BATCH : sync;
    checkpoints = checkpoints == null ? CheckpointPolicy.DEFAULT : checkpoints;
    timings = timings == null ? SessionTimings.WARREN : timings;
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(60) : drainTimeout;
    registries = registries == null ? RegistryConfig.DEFAULT : registries;
  }

  public static WorkerOptions defaults() {
    return new WorkerOptions(null, null, null, null, null, false, false, null, null);
  }
}
