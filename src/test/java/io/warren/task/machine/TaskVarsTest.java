package io.warren.task.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.journal.EffectOutcome;
import io.warren.journal.TaskAssigned;
import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import io.warren.testing.EngineHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskVarsTest {

  private static TaskVars assigned(RestartPolicy policy) {
    TaskSpec s = EngineHarness.spec("t");
    TaskVars v = new TaskVars();
    v.apply(new TaskAssigned(0, new TaskSpec("t", "svc", "svc", s.image(), s.command(), Map.of(),
        s.resources(), policy, null, List.of(), List.of(), 5, List.of())));
    return v;
  }

  /** The container of this attempt starts at {@code startedAt} and exits {@code ranMillis} later. */
  private static void run(TaskVars v, long startedAt, long ranMillis) {
    v.apply(new EffectOutcome(startedAt, "t", v.attempt, 1, Effects.START, "t-a1",
        EffectOutcome.Result.OK, "", Map.of()));
    long exitedAt = startedAt + ranMillis;
    v.apply(new EffectOutcome(exitedAt + 5, "t", v.attempt, 2, Effects.WATCH, "t-a1",
        EffectOutcome.Result.OK, "", Map.of("exitCode", "1", "exitedAt", Long.toString(exitedAt))));
  }

  @Test
  void withoutAPolicyDelayQuickExitsInARowDoubleTheBackOffUpToAMinute() {
    TaskVars v = assigned(RestartPolicy.DEFAULT);
    long t = 0;
    List<Long> delays = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      run(v, t, 300);
      delays.add(v.restartDelay().toMillis());
      t += 100_000;
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 25_600L,
        51_200L, 60_000L, 60_000L), delays);
  }

  @Test
  void aSteadyRunStartsTheSeriesAgain() {
    TaskVars v = assigned(RestartPolicy.DEFAULT);
    run(v, 0, 300);
    run(v, 10_000, 300);
    run(v, 20_000, 300);
    assertEquals(Duration.ofMillis(400), v.restartDelay());
    run(v, 30_000, 10_000); // ten seconds up: steady
    assertEquals(Duration.ofMillis(100), v.restartDelay());
    run(v, 50_000, 9_999);
    assertEquals(Duration.ofMillis(100), v.restartDelay(), "the first quick exit after it");
    run(v, 70_000, 1);
    assertEquals(Duration.ofMillis(200), v.restartDelay());
  }

  @Test
  void aPolicyDelayIsWaitedAsGivenEveryTime() {
    TaskVars v = assigned(new RestartPolicy(RestartPolicy.Condition.ON_FAILURE, 0, 5));
    for (int i = 0; i < 4; i++) {
      run(v, i * 100_000L, 300);
      assertEquals(Duration.ofSeconds(5), v.restartDelay());
    }
  }

  @Test
  void theBackOffSurvivesACheckpoint() {
    TaskVars v = assigned(RestartPolicy.DEFAULT);
    run(v, 0, 300);
    run(v, 10_000, 300);
    TaskVars back = TaskVars.fromMap(v.toMap());
    assertEquals(Duration.ofMillis(200), back.restartDelay());
    assertEquals(v.toMap(), back.toMap());
    // a checkpoint written before these variables existed reads as a fresh series
    Map<String, String> old = new java.util.HashMap<>(v.toMap());
    old.remove("restart.quickExits");
    old.remove("startedAtMillis");
    assertEquals(Duration.ofMillis(100), TaskVars.fromMap(old).restartDelay());
  }
}
