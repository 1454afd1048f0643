package io.warren.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  @Test
  void servesTheSpecMetricNamesInPrometheusFormat() throws Exception {
    WorkerMetrics metrics = new WorkerMetrics();
    metrics.bindSession(() -> new io.warren.manager.SessionStats(true, 1, 10, 2, 3, 4, 5, 0, true, 6));
    metrics.bindNode(java.nio.file.Path.of("/"));
    metrics.containerRestarts.inc();
    metrics.tasksRunning.set(3);
    metrics.recoveryPhaseSeconds.labelValues("reconcile").set(0.012);
    try (MetricsServer server = MetricsServer.start(metrics,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      HttpResponse<String> resp = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, resp.statusCode());
      String body = resp.body();
      assertTrue(body.contains("worker_heartbeat_failures_total 2.0"), body);
      assertTrue(body.contains("worker_tasks_running 3.0"), body);
      assertTrue(body.contains("warren_recovery_phase_seconds{phase=\"reconcile\"} 0.012"), body);
      assertTrue(body.contains("container_restarts_total 1.0"), body);
      assertTrue(body.contains("warren_manager_call_failures_total 5.0"), body);
      assertTrue(body.matches("(?s).*node_memory_used_bytes [1-9].*"), body);
      assertTrue(body.matches("(?s).*node_disk_used_bytes [1-9].*"), body);
      for (String name : new String[] {"worker_task_start_duration_seconds",
          "worker_task_failures"}) {
        assertTrue(body.contains(name), name + " missing from:\n" + body);
      }
    }
  }
}
