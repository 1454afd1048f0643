package io.warren.runtime.containerd;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.warren.runtime.containerd.proto.events.Envelope;
import io.warren.runtime.containerd.proto.events.SubscribeRequest;
import io.warren.runtime.containerd.proto.taskevents.TaskOOM;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows whether a container's task was OOM-killed. Two sources, because events are only a hint
 * (lost while nobody listens): the {@code /tasks/oom} event stream (re-subscribed after containerd
 * restarts), and the container's memory cgroup counters, read before the task is deleted
 * (cgroup v1 {@code memory.oom_control: oom_kill N}, cgroup v2 {@code memory.events: oom_kill N}).
 */
final class OomMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OomMonitor.class);
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");
  private final ContainerdConnection conn;
  private final ScheduledExecutorService scheduler;
  private final Set<String> oomed = ConcurrentHashMap.newKeySet();
  private volatile Context.CancellableContext subscription;
  private volatile boolean closed;

  OomMonitor(ContainerdConnection conn, ScheduledExecutorService scheduler) {
    this.conn = conn;
    this.scheduler = scheduler;
  }

  void start() {
    subscribe();
  }

  /** True when either source says the container's task hit its memory limit and was killed. */
  boolean oomKilled(String containerId) {
    return oomed.contains(containerId) || cgroupSaysOom(containerId);
  }

  void forget(String containerId) {
    oomed.remove(containerId);
  }

  private boolean cgroupSaysOom(String id) {
    String rel = conn.namespace() + "/" + id;
    for (Path p : List.of(CGROUP.resolve("memory").resolve(rel).resolve("memory.oom_control"),
        CGROUP.resolve(rel).resolve("memory.events"),
        CGROUP.resolve("unified").resolve(rel).resolve("memory.events"))) {
      try {
        if (Files.isReadable(p)) {
          for (String line : Files.readAllLines(p)) {
            if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
              return true;
            }
          }
        }
      } catch (java.io.IOException | NumberFormatException e) {
        // the cgroup went away with the task: the event is all we have
      }
    }
    return false;
  }

  private void subscribe() {
    if (closed) {
      return;
    }
    Context.CancellableContext ctx = Context.current().withCancellation();
    subscription = ctx;
    ctx.run(() -> conn.events().subscribe(
        SubscribeRequest.newBuilder().addFilters("topic==\"/tasks/oom\"").build(),
        new StreamObserver<>() {
          @Override
          public void onNext(Envelope env) {
            if (!env.getNamespace().equals(conn.namespace())) {
              return;
            }
            try {
              String id = TaskOOM.parseFrom(env.getEvent().getValue()).getContainerId();
              oomed.add(id);
            } catch (InvalidProtocolBufferException e) {
              LOG.warn("undecodable /tasks/oom event: {}", e.getMessage());
            }
          }

          @Override
          public void onError(Throwable t) {
            resubscribeLater();
          }

          @Override
          public void onCompleted() {
            resubscribeLater();
          }
        }));
  }

  private void resubscribeLater() {
    if (!closed) {
      conn.kick();
      scheduler.schedule(this::subscribe, 500, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    closed = true;
    Context.CancellableContext s = subscription;
    if (s != null) {
      s.cancel(null);
    }
  }
}
