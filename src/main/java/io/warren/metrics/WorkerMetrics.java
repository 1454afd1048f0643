package io.warren.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The worker's metrics, named as the Warren worker's package documentation lists them (its
 * Monitoring section), plus recovery and journal figures. Counters are exposed with Prometheus'
 * {@code _total} suffix (e.g. {@code worker_heartbeat_failures_total}).
 *
 * <p>One instance per process, on its own registry so tests can create several.
 */
public final class WorkerMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final Counter heartbeatFailures = Counter.builder()
      .name("worker_heartbeat_failures").help("Heartbeats to the manager that failed")
      .register(registry);
  public final Gauge tasksRunning = Gauge.builder()
      .name("worker_tasks_running").help("Tasks whose container is running")
      .register(registry);
  public final Histogram taskStartDuration = Histogram.builder()
      .name("worker_task_start_duration_seconds")
      .help("Time from assignment to running, image pull included")
      .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
      .register(registry);
  public final Counter taskFailures = Counter.builder()
      .name("worker_task_failures").help("Tasks that reached the failed state")
      .register(registry);
  public final Counter containerRestarts = Counter.builder()
      .name("container_restarts").help("Containers started again by the restart policy")
      .register(registry);
  public final Counter containerOomKills = Counter.builder()
      .name("container_oom_kills").help("Containers killed by the kernel's OOM killer")
      .register(registry);
  public final Counter healthCheckFailures = Counter.builder()
      .name("health_check_failures").help("Failed health-check probes")
      .register(registry);
  public final Gauge nodeMemoryUsed = Gauge.builder()
      .name("node_memory_used_bytes").help("Memory in use on this node")
      .register(registry);
  public final Gauge nodeDiskUsed = Gauge.builder()
      .name("node_disk_used_bytes").help("Disk in use on the data directory's file system")
      .register(registry);
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
  public final Counter journalAppends = Counter.builder()
      .name("warren_journal_appends").help("Records appended to the journal")
      .labelNames("type")
      .register(registry);
  public final Counter managerCalls = Counter.builder()
      .name("warren_manager_calls").help("Calls to the manager, by method and result")
      .labelNames("method", "result")
      .register(registry);

  public PrometheusRegistry registry() {
    return registry;
  }
}
