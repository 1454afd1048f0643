package io.warren.embedded;

import io.warren.api.v1.Service;
import io.warren.task.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns services into tasks on nodes, and keeps it so. One {@link #reconcile()} pass:
 *
 * <ol>
 *   <li>a node silent for longer than {@code nodeDownAfter} is {@code down}; its running tasks
 *       become {@code failed} and are shut down (replacements follow in step 2);
 *   <li>per service: failed tasks are replaced (unless the restart condition is {@code never}),
 *       complete ones only under {@code always}, once the restart delay has passed since the
 *       task was given up (the policy's {@code delay_seconds}, else the manager's default, as
 *       Swarm does; the slot stays empty meanwhile); tasks of an older spec are replaced; the live
 *       count is brought to {@code replicas} by creating tasks on the ready node with the fewest
 *       running tasks (counted as we place, unlike Warren's scheduler, which stacks a whole batch
 *       on one node) or by shutting down the newest surplus; global services get one per node;
 *   <li>tasks whose service or node is gone are shut down (Warren leaves them running);
 *   <li>records of stopped tasks are dropped {@code taskRetention} after they finished, so a
 *       worker reports {@code complete} for a while and then forgets them.
 * </ol>
 */
final class Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final ManagerStore store;
  private final long nodeDownAfterMillis;
  private final long retentionMillis;
  private final long defaultRestartDelayMillis;
  private final Supplier<String> ids;

  Scheduler(ManagerStore store, Duration nodeDownAfter, Duration taskRetention,
      Duration restartDelay, Supplier<String> ids) {
    this.store = store;
    this.nodeDownAfterMillis = nodeDownAfter.toMillis();
    this.retentionMillis = taskRetention.toMillis();
    this.defaultRestartDelayMillis = restartDelay.toMillis();
    this.ids = ids == null ? () -> UUID.randomUUID().toString() : ids;
  }

  void reconcile() {
    synchronized (store) {
      long now = store.now();
      markDownNodes(now);
      for (Service svc : new ArrayList<>(store.services.values())) {
        reconcile(svc, now);
      }
      shutDownOrphans(now);
      dropFinished(now);
    }
  }

  private void markDownNodes(long now) {
    for (NodeRecord node : store.nodes.values()) {
      if ("ready".equals(node.status) && now - node.lastHeartbeatMillis > nodeDownAfterMillis) {
        node.status = "down";
        log.warn("node {} is down: no heartbeat for {} ms", node.id(), now - node.lastHeartbeatMillis);
        for (TaskRecord t : store.tasks.values()) {
          if (t.nodeId.equals(node.id()) && t.desiredRunning()) {
            fail(t, "node " + node.id() + " is down (no heartbeat)", now);
            store.shutdown(t);
          }
        }
      }
    }
  }

  private static void fail(TaskRecord t, String reason, long now) {
    if (!t.terminal()) {
      t.actual = "failed";
      t.error = reason;
      t.updatedAtMillis = now;
    }
  }

  private void reconcile(Service svc, long now) {
    RestartPolicy.Condition condition = svc.hasRestartPolicy()
        ? RestartPolicy.Condition.parse(svc.getRestartPolicy().getCondition())
        : RestartPolicy.Condition.ON_FAILURE;
    Service current = specOf(svc);
    long restartDelay = restartDelayMillis(svc);
    List<TaskRecord> live = new ArrayList<>();
    List<String> restarting = new ArrayList<>(); // nodes of exited tasks given up less than the
                                                 // restart delay ago: their slots wait
    for (TaskRecord t : store.tasksOf(svc.getId())) {
      boolean exitedToRestart = ("failed".equals(t.actual)
          && condition != RestartPolicy.Condition.NEVER)
          || ("complete".equals(t.actual) && condition == RestartPolicy.Condition.ALWAYS);
      if (!t.desiredRunning()) {
        if (exitedToRestart && t.finishedAtMillis > 0
            && now - t.finishedAtMillis < restartDelay) {
          restarting.add(t.nodeId);
        }
        continue;
      }
      if (exitedToRestart || !specOf(t.spec).equals(current)) {
        store.shutdown(t);
        if (exitedToRestart && restartDelay > 0) {
          restarting.add(t.nodeId);
        }
      } else {
        live.add(t);
      }
    }
    Map<String, Integer> load = loadPerNode();
    if ("global".equals(svc.getMode())) {
      Map<String, TaskRecord> perNode = new HashMap<>();
      for (TaskRecord t : live) {
        NodeRecord node = store.nodes.get(t.nodeId);
        if (node == null || !node.schedulable() || perNode.putIfAbsent(t.nodeId, t) != null) {
          store.shutdown(t);
        }
      }
      for (NodeRecord node : store.nodes.values()) {
        if (node.schedulable() && !perNode.containsKey(node.id())
            && !restarting.contains(node.id())) {
          create(svc, node.id(), now);
        }
      }
      return;
    }
    int want = svc.getReplicas();
    if (live.size() > want) {
      // stop the ones that are not running yet first, then the newest
      live.sort(Comparator.comparing((TaskRecord t) -> "running".equals(t.actual))
          .thenComparing(t -> -t.createdAtMillis));
      for (TaskRecord t : live.subList(0, live.size() - want)) {
        store.shutdown(t);
      }
      return;
    }
    for (int i = live.size() + restarting.size(); i < want; i++) {
      String node = leastLoaded(load);
      if (node == null) {
        return; // no ready node: try again on the next pass
      }
      create(svc, node, now);
      load.merge(node, 1, Integer::sum);
    }
  }

  /** The restart policy's {@code delay_seconds}, else the manager's default. */
  private long restartDelayMillis(Service svc) {
    return svc.hasRestartPolicy() && svc.getRestartPolicy().getDelaySeconds() > 0
        ? svc.getRestartPolicy().getDelaySeconds() * 1000L : defaultRestartDelayMillis;
  }

  private void create(Service svc, String nodeId, long now) {
    String id = ids.get();
    store.emit(new ManagerEvent.TaskCreated(id, nodeId, svc.toByteArray(), now));
    log.info("task {} of service {} placed on node {}", id, svc.getName(), nodeId);
  }

  /** The parts of a service that make a task's spec: everything but counts and times. */
  private static Service specOf(Service s) {
    return s.toBuilder().clearReplicas().clearCreatedAt().clearUpdatedAt().build();
  }

  private Map<String, Integer> loadPerNode() {
    Map<String, Integer> load = new HashMap<>();
    for (NodeRecord n : store.nodes.values()) {
      if (n.schedulable()) {
        load.put(n.id(), 0);
      }
    }
    for (TaskRecord t : store.tasks.values()) {
      if (t.desiredRunning() && load.containsKey(t.nodeId)) {
        load.merge(t.nodeId, 1, Integer::sum);
      }
    }
    return load;
  }

  private static String leastLoaded(Map<String, Integer> load) {
    return load.entrySet().stream()
        .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).orElse(null);
  }

  private void shutDownOrphans(long now) {
    for (TaskRecord t : new ArrayList<>(store.tasks.values())) {
      if (!t.desiredRunning()) {
        continue;
      }
      if (!store.services.containsKey(t.serviceId())) {
        store.shutdown(t);
      } else if (!store.nodes.containsKey(t.nodeId)) {
        fail(t, "node " + t.nodeId + " was removed", now);
        store.shutdown(t);
      }
    }
  }

  private void dropFinished(long now) {
    for (TaskRecord t : new ArrayList<>(store.tasks.values())) {
      if (t.desiredRunning() || t.finishedAtMillis == 0) {
        continue;
      }
      NodeRecord node = store.nodes.get(t.nodeId);
      boolean unreachable = node == null || !"ready".equals(node.status);
      boolean settled = t.terminal() || unreachable || "pending".equals(t.actual);
      // an exited task's record also times its replacement's restart delay
      long keep = t.terminal() ? Math.max(retentionMillis, restartDelayMillis(t.spec))
          : retentionMillis;
      if (settled && now - t.finishedAtMillis >= keep) {
        store.emit(new ManagerEvent.TaskRemoved(t.id));
      }
    }
  }
}
