package io.warren.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.warren.manager.SessionStats;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The worker's metrics, named as the Warren worker's package documentation lists them (its
 * Monitoring section), plus recovery and journal figures. Counters are exposed with Prometheus'
 * {@code _total} suffix (e.g. {@code worker_heartbeat_failures_total}).
 *
 * <p>One instance per process, on its own registry so tests can create several.
 */
public final class WorkerMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final Gauge tasksRunning = Gauge.builder()
      .name("worker_tasks_running").help("Tasks whose container is running")
      .register(registry);
  public final Histogram taskStartDuration = Histogram.builder()
      .name("worker_task_start_duration_seconds")
      .help("Time from a task attempt's assignment (or restart) to running, image pull included")
      .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
      .register(registry);
  public final Counter taskFailures = Counter.builder()
      .name("worker_task_failures").help("Tasks that reached the failed state")
      .register(registry);
  public final Counter containerRestarts = Counter.builder()
      .name("container_restarts").help("Containers started again by the restart policy")
      .register(registry);
  public final Counter containerOomKills = Counter.builder()
      .name("container_oom_kills").help("Containers ended by the kernel's OOM killer")
      .register(registry);
  public final Counter journalRecords = Counter.builder()
      .name("warren_journal_records").help("Records appended to the journal, by type")
      .labelNames("type").register(registry);
  public final Gauge recoveryPhaseSeconds = Gauge.builder()
      .name("warren_recovery_phase_seconds").help("Duration of each phase of the last recovery")
      .labelNames("phase")
      .register(registry);
  public final Counter recoveryReaped = Counter.builder()
      .name("warren_recovery_reaped").help("Containers reaped by recovery")
      .register(registry);
  public final Gauge recoveryReattached = Gauge.builder()
      .name("warren_recovery_reattached").help("Containers reattached by the last recovery")
      .register(registry);

  /** Manager-session figures, read from the session when scraped. */
  public void bindSession(Supplier<SessionStats> stats) {
    CounterWithCallback.builder().name("worker_heartbeat_failures")
        .help("Heartbeats to the manager that failed")
        .callback(cb -> cb.call(stats.get().heartbeatFailures())).register(registry);
    CounterWithCallback.builder().name("warren_manager_call_failures")
        .help("Calls to the manager that failed (any RPC)")
        .callback(cb -> cb.call(stats.get().callFailures())).register(registry);
  }

  /** Node figures of the spec's Resource Usage list, read when scraped. */
  public void bindNode(Path dataDir) {
    GaugeWithCallback.builder().name("node_memory_used_bytes")
        .help("Memory in use on this node (MemTotal - MemAvailable)")
        .callback(cb -> cb.call(NodeUsage.memoryUsedBytes())).register(registry);
    GaugeWithCallback.builder().name("node_disk_used_bytes")
        .help("Bytes in use on the file system of the data directory")
        .callback(cb -> cb.call(NodeUsage.diskUsedBytes(dataDir))).register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
