package io.warren.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import io.warren.api.v1.Node;
import io.warren.api.v1.Service;
import io.warren.api.v1.Volume;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manager's state and the only writer of its event log. Every change of desired state is
 * appended to the {@link ManagerLog} first and then folded into memory by {@link #apply}; the
 * same fold rebuilds the state on start ({@link #recover}). Worker-reported facts (heartbeats,
 * actual states) change memory only.
 *
 * <p>One lock (this object) guards everything: the manager's load is a few calls per second.
 */
final class ManagerStore {
  private final ManagerLog log;
  private final Clock clock;

  final Map<String, Service> services = new LinkedHashMap<>();
  final Map<String, ManagerEvent.SecretCreated> secrets = new LinkedHashMap<>();
  final Map<String, Volume> volumes = new LinkedHashMap<>();
  final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
  final Map<String, TaskRecord> tasks = new LinkedHashMap<>();

  /** Told of every task change after it is journaled and applied (not during recovery). */
  private AssignmentFeed feed;

  ManagerStore(ManagerLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  synchronized void feedTaskChangesTo(AssignmentFeed feed) {
    this.feed = feed;
  }

  long now() {
    return clock.millis();
  }

  /** Replays the log into memory; returns the number of events. */
  synchronized long recover() {
    long[] n = {0};
    log.replay(e -> {
      apply(e);
      n[0]++;
    });
    // liveness is not persisted: every known node gets a full timeout from now to report in
    long now = now();
    for (NodeRecord node : nodes.values()) {
      node.lastHeartbeatMillis = now;
    }
    for (TaskRecord t : tasks.values()) {
      if (!t.desiredRunning()) {
        t.finishedAtMillis = now;
      }
    }
    return n[0];
  }

  /** Journal first, then memory. */
  synchronized void emit(ManagerEvent e) {
    log.append(e);
    TaskRecord removed = e instanceof ManagerEvent.TaskRemoved r ? tasks.get(r.id()) : null;
    apply(e);
    if (feed != null) {
      if (e instanceof ManagerEvent.TaskCreated t) {
        feed.publish("add", tasks.get(t.id()));
      } else if (e instanceof ManagerEvent.TaskDesired t && tasks.containsKey(t.id())) {
        feed.publish("update", tasks.get(t.id()));
      } else if (removed != null) {
        feed.publish("delete", removed);
      }
    }
  }

  private void apply(ManagerEvent e) {
    if (e instanceof ManagerEvent.ServicePut s) {
      Service svc = parse(() -> Service.parseFrom(s.service()));
      services.put(svc.getId(), svc);
    } else if (e instanceof ManagerEvent.ServiceDeleted s) {
      services.remove(s.id());
    } else if (e instanceof ManagerEvent.SecretCreated s) {
      secrets.put(s.id(), s);
    } else if (e instanceof ManagerEvent.SecretDeleted s) {
      secrets.remove(s.id());
    } else if (e instanceof ManagerEvent.VolumePut v) {
      Volume vol = parse(() -> Volume.parseFrom(v.volume()));
      volumes.put(vol.getId(), vol);
    } else if (e instanceof ManagerEvent.VolumeDeleted v) {
      volumes.remove(v.id());
    } else if (e instanceof ManagerEvent.NodeRegistered n) {
      Node node = parse(() -> Node.parseFrom(n.node()));
      NodeRecord existing = nodes.get(node.getId());
      if (existing == null) {
        nodes.put(node.getId(), new NodeRecord(node, now()));
      } else {
        existing.registration = node;
      }
    } else if (e instanceof ManagerEvent.NodeRemoved n) {
      nodes.remove(n.id());
    } else if (e instanceof ManagerEvent.TaskCreated t) {
      Service spec = parse(() -> Service.parseFrom(t.service()));
      tasks.put(t.id(), new TaskRecord(t.id(), t.nodeId(), spec, t.createdAtMillis()));
    } else if (e instanceof ManagerEvent.TaskDesired t) {
      TaskRecord task = tasks.get(t.id());
      if (task != null) {
        task.desired = t.desired();
        task.updatedAtMillis = now();
        if (!task.desiredRunning() && task.finishedAtMillis == 0) {
          task.finishedAtMillis = now();
        }
      }
    } else if (e instanceof ManagerEvent.TaskRemoved t) {
      tasks.remove(t.id());
    } else {
      throw new IllegalStateException("unknown manager event " + e.getClass().getSimpleName());
    }
  }

  private interface ProtoParse<T> {
    T parse() throws InvalidProtocolBufferException;
  }

  private static <T> T parse(ProtoParse<T> p) {
    try {
      return p.parse();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("manager log holds an unreadable resource: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- queries (hold the lock)

  synchronized Optional<Service> serviceByIdOrName(String idOrName) {
    Service s = services.get(idOrName);
    if (s != null) {
      return Optional.of(s);
    }
    return services.values().stream().filter(x -> x.getName().equals(idOrName)).findFirst();
  }

  synchronized Optional<ManagerEvent.SecretCreated> secretByIdOrName(String idOrName) {
    var s = secrets.get(idOrName);
    if (s != null) {
      return Optional.of(s);
    }
    return secrets.values().stream().filter(x -> x.name().equals(idOrName)).findFirst();
  }

  synchronized Optional<Volume> volumeByIdOrName(String idOrName) {
    Volume v = volumes.get(idOrName);
    if (v != null) {
      return Optional.of(v);
    }
    return volumes.values().stream().filter(x -> x.getName().equals(idOrName)).findFirst();
  }

  synchronized List<TaskRecord> tasksOf(String serviceId) {
    List<TaskRecord> out = new ArrayList<>();
    for (TaskRecord t : tasks.values()) {
      if (t.serviceId().equals(serviceId)) {
        out.add(t);
      }
    }
    out.sort(Comparator.comparingLong(t -> t.createdAtMillis));
    return out;
  }

  /** Asks a task to stop; journaled. */
  synchronized void shutdown(TaskRecord t) {
    if (t.desiredRunning()) {
      emit(new ManagerEvent.TaskDesired(t.id, "shutdown"));
    }
  }

  synchronized void close() {
    log.close();
  }
}
