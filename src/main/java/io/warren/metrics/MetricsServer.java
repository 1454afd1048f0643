package io.warren.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Serves a registry in the Prometheus text format at {@code http://ADDR/metrics}. */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * Starts serving.
   *
   * @param address host:port; port 0 picks a free port ({@link #port()} tells which)
   */
  public static MetricsServer start(WorkerMetrics metrics, InetSocketAddress address) {
    try {
      return new MetricsServer(HTTPServer.builder()
          .inetAddress(address.getAddress())
          .port(address.getPort())
          .registry(metrics.registry())
          .buildAndStart());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
