package io.warren.embedded;

import io.warren.manager.HostPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to run the embedded manager. Validated at {@link Builder#build()}.
 *
 * @param listen where the Warren API is served (default 127.0.0.1:8080; port 0 picks one)
 * @param dataDir holds the CA ({@code ca/}), the cluster key ({@code cluster.key}) and the event
 *     log ({@code manager-log/}); null = nothing persisted, a throw-away CA (tests)
 * @param tls mutual TLS with the cluster CA (true), or plaintext on a loopback address (false)
 * @param nodeId the manager's own id (and the hybrid worker's)
 * @param clusterKey 32-byte AES key for secrets; null = load or create {@code dataDir/cluster.key}
 * @param reconcileInterval how often the scheduler runs even when nothing happened
 * @param nodeDownAfter a node silent this long is down and its tasks rescheduled (Warren: 30 s)
 * @param taskRetention how long a stopped task's record is kept before it is dropped
 * @param restartDelay how long after a task exited its replacement is created, for services
 *     whose restart policy gives no {@code delay_seconds} (Swarm's default: 5 s); without it a
 *     task that fails at once (an image that does not exist) is replaced as fast as the worker
 *     reports it, forever
 * @param caKeyBits RSA size of a new CA key (Warren: 4096; tests use 2048 for speed)
 * @param serverNames extra DNS names for the server certificate (localhost and 127.0.0.1 always)
 */
public record EmbeddedManagerConfig(HostPort listen, Path dataDir, boolean tls, String nodeId,
    byte[] clusterKey, Duration reconcileInterval, Duration nodeDownAfter, Duration taskRetention,
    Duration restartDelay, int caKeyBits, java.util.List<String> serverNames, Clock clock) {

  public EmbeddedManagerConfig {
    if (listen == null) {
      throw new IllegalArgumentException("listen: an address host:port is required");
    }
    if (!tls && !listen.isLoopback()) {
      throw new IllegalArgumentException("listen: plaintext is only allowed on a loopback address, got '"
          + listen + "'");
    }
    if (clusterKey != null && clusterKey.length != 32) {
      throw new IllegalArgumentException("cluster_key: must be 32 bytes, got " + clusterKey.length);
    }
    positive("reconcile_interval", reconcileInterval);
    positive("node_down_after", nodeDownAfter);
    if (taskRetention == null || taskRetention.isNegative()) {
      throw new IllegalArgumentException("task_retention: must be >= 0, got " + taskRetention);
    }
    if (restartDelay == null || restartDelay.isNegative()) {
      throw new IllegalArgumentException("restart_delay: must be >= 0, got " + restartDelay);
    }
    if (caKeyBits < 2048) {
      throw new IllegalArgumentException("ca_key_bits: must be >= 2048, got " + caKeyBits);
    }
    serverNames = serverNames == null ? java.util.List.of() : java.util.List.copyOf(serverNames);
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(field + ": must be a positive duration, got " + d);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with Warren's defaults. */
  public static final class Builder {
    private String listen = "127.0.0.1:8080";
    private Path dataDir;
    private boolean tls = true;
    private String nodeId = "manager-1";
    private byte[] clusterKey;
    private Duration reconcileInterval = Duration.ofSeconds(5);
    private Duration nodeDownAfter = Duration.ofSeconds(30);
    private Duration taskRetention = Duration.ofSeconds(60);
    private Duration restartDelay = Duration.ofSeconds(5);
    private int caKeyBits = 4096;
    private java.util.List<String> serverNames = java.util.List.of();
    private Clock clock;

    public Builder listen(String v) {
      listen = v;
      return this;
    }

    public Builder dataDir(Path v) {
      dataDir = v;
      return this;
    }

    public Builder tls(boolean v) {
      tls = v;
      return this;
    }

    public Builder nodeId(String v) {
      nodeId = v;
      return this;
    }

    public Builder clusterKey(byte[] v) {
      clusterKey = v == null ? null : v.clone();
      return this;
    }

    public Builder reconcileInterval(Duration v) {
      reconcileInterval = v;
      return this;
    }

    public Builder nodeDownAfter(Duration v) {
      nodeDownAfter = v;
      return this;
    }

    public Builder taskRetention(Duration v) {
      taskRetention = v;
      return this;
    }

    public Builder restartDelay(Duration v) {
      restartDelay = v;
      return this;
    }

    public Builder caKeyBits(int v) {
      caKeyBits = v;
      return this;
    }

    public Builder serverNames(java.util.List<String> v) {
      serverNames = v;
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public EmbeddedManagerConfig build() {
      return new EmbeddedManagerConfig(HostPort.parse("listen", listen), dataDir, tls, nodeId,
          clusterKey, reconcileInterval, nodeDownAfter, taskRetention, restartDelay, caKeyBits,
          serverNames, clock);
    }
  }
}
