package io.warren.testing;

import io.warren.runtime.RuntimeFailure;
import io.warren.task.DesiredState;
import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The recorded scenarios behind journal/fixtures/*.jsonl: each runs the real engine against the
 * fake runtime on virtual time and leaves its journal in the harness. {@link #EXPECTED} says how
 * each task ends; fixture tests assert it against the recorded files.
 */
public final class Scenarios {
  /** Fixture name → scenario. */
  public static final Map<String, Supplier<EngineHarness>> ALL = new LinkedHashMap<>();
  /** Fixture name → task → final state. */
  public static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

  static {
    add("normal-start-stop", Scenarios::normalStartStop, Map.of("web-1", "removed"));
    add("image-pull-failure", Scenarios::imagePullFailure, Map.of("web-1", "failed"));
    add("create-failure", Scenarios::createFailure, Map.of("web-1", "failed"));
    add("exit-zero", Scenarios::exitZero, Map.of("job-1", "removed"));
    add("on-failure-max-attempts", Scenarios::onFailureMaxAttempts, Map.of("crashy-1", "failed"));
    add("shutdown-while-pulling", Scenarios::shutdownWhilePulling, Map.of("web-1", "removed"));
    add("shutdown-during-backoff", Scenarios::shutdownDuringBackoff,
        Map.of("crashy-1", "removed"));
    add("stop-needs-sigkill", Scenarios::stopNeedsSigkill, Map.of("stubborn-1", "removed"));
    add("killed-after-create-intent", Scenarios::killedAfterCreateIntent,
        Map.of("web-1", "creating"));
    add("desired-flapping", Scenarios::desiredFlapping,
        Map.of("flap-1", "removed", "flap-2", "removed", "flap-3", "removed"));
    add("unsupported-secrets", Scenarios::unsupportedSecrets, Map.of("secret-1", "failed"));
    add("temporary-failures-retried", Scenarios::temporaryFailuresRetried,
        Map.of("web-1", "running"));
  }

  private Scenarios() {}

  private static void add(String name, Supplier<EngineHarness> s, Map<String, String> expected) {
    ALL.put(name, s);
    EXPECTED.put(name, expected);
  }

  /** Latencies like a local containerd's, so the recorded times mean something. */
  private static EngineHarness harness() {
    EngineHarness h = new EngineHarness();
    h.runtime.latency("pull", Duration.ofMillis(1500)).latency("create", Duration.ofMillis(40))
        .latency("start", Duration.ofMillis(60)).latency("stop", Duration.ofMillis(30))
        .latency("remove", Duration.ofMillis(20));
    return h;
  }

  private static TaskSpec withPolicy(String id, RestartPolicy p) {
    TaskSpec s = EngineHarness.spec(id);
    return new TaskSpec(id, "svc-" + id, "svc", s.image(), s.command(), Map.of("MODE", "test"),
        s.resources(), p, null, List.of(), List.of(), 5, List.of());
  }

  static EngineHarness normalStartStop() {
    EngineHarness h = harness();
    h.assign(EngineHarness.spec("web-1")).runUntilIdle().runFor(Duration.ofMinutes(1));
    h.engine.setDesired("web-1", DesiredState.SHUTDOWN);
    return h.runUntilIdle();
  }

  static EngineHarness imagePullFailure() {
    EngineHarness h = harness();
    h.runtime.failNext("pull", RuntimeFailure.fatal(
        "pull docker.io/library/nosuch:1: not found: manifest unknown"));
    TaskSpec s = EngineHarness.spec("web-1");
    return h.assign(new TaskSpec("web-1", "", "", "docker.io/library/nosuch:1", s.command(), null,
        null, null, null, null, null, 0, null)).runUntilIdle();
  }

  static EngineHarness createFailure() {
    EngineHarness h = harness();
    h.runtime.failNext("create", RuntimeFailure.fatal(
        "create web-1-a1: invalid spec: memory limit below 6 MiB"));
    return h.assign(EngineHarness.spec("web-1")).runUntilIdle();
  }

  static EngineHarness exitZero() {
    EngineHarness h = harness();
    h.runtime.exitAfter("job-1-a1", Duration.ofSeconds(30), 0);
    return h.assign(withPolicy("job-1", new RestartPolicy(RestartPolicy.Condition.ON_FAILURE, 3, 5)))
        .runUntilIdle();
  }

  static EngineHarness onFailureMaxAttempts() {
    EngineHarness h = harness();
    h.runtime.exitAllAfter(Duration.ofSeconds(2), 1);
    return h.assign(withPolicy("crashy-1",
        new RestartPolicy(RestartPolicy.Condition.parse("on-failure"), 2, 5))).runUntilIdle();
  }

  static EngineHarness shutdownWhilePulling() {
    EngineHarness h = harness();
    h.runtime.latency("pull", Duration.ofSeconds(20));
    h.assign(EngineHarness.spec("web-1")).runUntilState("web-1", "pulling");
    h.engine.setDesired("web-1", DesiredState.SHUTDOWN);
    return h.runUntilIdle();
  }

  static EngineHarness shutdownDuringBackoff() {
    EngineHarness h = harness();
    h.runtime.exitAllAfter(Duration.ofSeconds(3), 2);
    h.assign(withPolicy("crashy-1", new RestartPolicy(RestartPolicy.Condition.parse("any"), 0, 30)))
        .runUntilState("crashy-1", "backing-off").runFor(Duration.ofSeconds(10));
    h.engine.setDesired("crashy-1", DesiredState.SHUTDOWN);
    return h.runUntilIdle();
  }

  static EngineHarness stopNeedsSigkill() {
    EngineHarness h = harness();
    h.runtime.ignoresSigterm("stubborn-1-a1");
    h.assign(withPolicy("stubborn-1", RestartPolicy.DEFAULT)).runUntilIdle()
        .runFor(Duration.ofSeconds(30));
    h.engine.setDesired("stubborn-1", DesiredState.SHUTDOWN);
    return h.runUntilIdle();
  }

  static EngineHarness killedAfterCreateIntent() {
    EngineHarness h = harness();
    h.runtime.dieDuring("create");
    return h.assign(EngineHarness.spec("web-1")).runUntilWorkerDies();
  }

  static EngineHarness desiredFlapping() {
    EngineHarness h = harness();
    // flap-1: shutdown and back to running before the first step ran
    h.engine.assign(EngineHarness.spec("flap-1"), DesiredState.RUNNING);
    h.engine.setDesired("flap-1", DesiredState.SHUTDOWN);
    h.engine.setDesired("flap-1", DesiredState.RUNNING);
    // flap-2: assigned as shutdown, then running
    h.engine.assign(EngineHarness.spec("flap-2"), DesiredState.SHUTDOWN);
    h.engine.setDesired("flap-2", DesiredState.RUNNING);
    h.runUntilIdle();
    // flap-3: running, then shutdown, running, shutdown while it stops
    h.assign(EngineHarness.spec("flap-3")).runUntilState("flap-3", "running");
    h.engine.setDesired("flap-3", DesiredState.SHUTDOWN);
    h.engine.setDesired("flap-3", DesiredState.RUNNING);
    h.engine.setDesired("flap-3", DesiredState.SHUTDOWN);
    return h.runUntilIdle();
  }

  static EngineHarness unsupportedSecrets() {
    EngineHarness h = harness();
    TaskSpec s = EngineHarness.spec("secret-1");
    return h.assign(new TaskSpec("secret-1", "", "", s.image(), s.command(), null, null, null, null,
        null, List.of("db-password"), 0, null)).runUntilIdle();
  }

  static EngineHarness temporaryFailuresRetried() {
    EngineHarness h = harness();
    h.runtime.failNext("create", RuntimeFailure.temporary("containerd: connection refused", null))
        .failNext("create", RuntimeFailure.temporary("containerd: deadline exceeded", null));
    return h.assign(EngineHarness.spec("web-1")).runUntilIdle();
  }
}
