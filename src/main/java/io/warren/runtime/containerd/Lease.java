package io.warren.runtime.containerd;

import io.grpc.Channel;
import io.warren.runtime.containerd.proto.leases.CreateRequest;
import io.warren.runtime.containerd.proto.leases.DeleteRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A containerd lease: objects created through {@link #channel()} are GC roots until {@link #close()}.
 * It carries {@code containerd.io/gc.expire}, so a client that crashes before closing it leaves
 * nothing pinned for longer than the expiry (facts §7).
 */
public final class Lease implements AutoCloseable {
  private final ContainerdConnection conn;
  private final String id;
  private final Channel channel;

  private Lease(ContainerdConnection conn, String id) {
    this.conn = conn;
    this.id = id;
    this.channel = conn.leased(id);
  }

  public static Lease create(ContainerdConnection conn, String purpose, Duration expiry) {
    String id = "warren-" + purpose + "-" + UUID.randomUUID();
    String expire = DateTimeFormatter.ISO_INSTANT.format(Instant.now().plus(expiry));
    conn.leases().create(CreateRequest.newBuilder().setId(id)
        .putLabels("containerd.io/gc.expire", expire).build());
    return new Lease(conn, id);
  }

  public String id() {
    return id;
  }

  public Channel channel() {
    return channel;
  }

  /** Deletes the lease; failures are left to gc.expire (the lease is only a safety net). */
  @Override
  public void close() {
    try {
      conn.leases().delete(DeleteRequest.newBuilder().setId(id).build());
    } catch (RuntimeException e) {
      // expires on its own
    }
  }
}
