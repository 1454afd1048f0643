package io.warren.journal;

import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sample records covering every type and every nested field. */
final class TestRecords {
  private TestRecords() {}

  static TaskSpec fullSpec(String taskId) {
    return new TaskSpec(taskId, "svc-1", "web", "docker.io/library/nginx:1.27",
        List.of("nginx", "-g", "daemon off;"), Map.of("MODE", "prod", "EMPTY", ""),
        new TaskSpec.Resources(512, 64L << 20, 32L << 20),
        new RestartPolicy(RestartPolicy.Condition.ALWAYS, 3, 5),
        new TaskSpec.HealthCheck("HTTP", "/health", 8080, "http", 0, List.of("true"), 5, 2, 3, 10),
        List.of(new TaskSpec.VolumeMount("data", "/data", false),
            new TaskSpec.VolumeMount("conf", "/etc/conf", true)),
        List.of("db-password"), 15,
        List.of(new TaskSpec.PortMapping("http", 80, 8080, "tcp", "host")));
  }

  /**
   * One record of each type. {@code journal/fixtures/v1-record-bodies.hex} holds their v1 bytes:
   * change this list and that fixture must be regenerated (V1GoldenBytesTest says so).
   */
  static List<JournalRecord> oneOfEach() {
    TaskSpec spec = fullSpec("t1");
    return List.of(
        new NodeIdentity(1000, "node-a", "127.0.0.1:2377", "warren"),
        new TaskAssigned(1001, spec),
        new TaskAssigned(1002, TaskSpec.of("t2", "busybox", List.of())),
        new Transition(1003, "t1", 1, "NEW", "PULLING", "assign", ""),
        new EffectIntent(1004, "t1", 1, 7, "pull", "t1-1"),
        new EffectOutcome(1005, "t1", 1, 7, "pull", "t1-1", EffectOutcome.Result.OK, "",
            Map.of("digest", "sha256:abc", "weird key: with spaces", "v")),
        new EffectOutcome(1006, "t1", 1, 8, "start", "t1-1", EffectOutcome.Result.FAILED_FATAL,
            "boom", Map.of()),
        new Reap(1007, "orphan-9", "", "not in journal", false),
        new ManagerAck(1008, "t1", "running", ""),
        new Checkpoint(1009, "node-a", List.of(
            new Checkpoint.TaskSnapshot("t1", 1, "RUNNING", "running", "t1-1", 1003, spec,
                Map.of("restarts", "0"), "running"),
            new Checkpoint.TaskSnapshot("t2", 2, "FAILED", "shutdown", "", 1004, null, Map.of(),
                ""))));
  }

  static Transition transition(long i, int tasks) {
    return new Transition(1_700_000_000_000L + i, "task-" + (i % tasks), 1, "RUNNING", "RUNNING",
        "probe", "");
  }

  static Checkpoint checkpointOf(int tasks, long time) {
    List<Checkpoint.TaskSnapshot> snaps = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      snaps.add(new Checkpoint.TaskSnapshot("task-" + t, 1, "RUNNING", "running", "task-" + t + "-1",
          time, TaskSpec.of("task-" + t, "busybox:1.36", List.of("sleep", "1000")), Map.of(), ""));
    }
    return new Checkpoint(time, "node-a", snaps);
  }
}
