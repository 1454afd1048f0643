package io.warren.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.Transition;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each recorded fixture, replayed and restored into an engine, ends as its scenario did. */
class FixturesTest {

  @Test
  @ReplayFixture("journal/fixtures/normal-start-stop.jsonl")
  void normalStartStop(ReplayRun run) {
    assertEquals(Map.of("web-1", "removed"), run.states());
    assertEquals(List.of(), run.violations());
    assertEquals(List.of(), run.openIntents());
    assertEquals(ActualState.COMPLETE, run.status("web-1").actualState());
  }

  @Test
  @ReplayFixture("journal/fixtures/image-pull-failure.jsonl")
  void imagePullFailure(ReplayRun run) {
    assertEquals("failed", run.state("web-1"));
    assertEquals(List.of(), run.violations());
    assertTrue(run.status("web-1").error().contains("manifest unknown"),
        run.status("web-1").error());
  }

  @Test
  @ReplayFixture("journal/fixtures/create-failure.jsonl")
  void createFailure(ReplayRun run) {
    assertEquals("failed", run.state("web-1"));
    assertTrue(run.replay().task("web-1").reason().startsWith("create: "));
    assertEquals(List.of(), run.violations());
  }

  @Test
  @ReplayFixture("journal/fixtures/exit-zero.jsonl")
  void exitZeroCompletes(ReplayRun run) {
    assertEquals("removed", run.state("job-1"));
    assertEquals("complete", run.replay().task("job-1").status());
    assertEquals(1, run.replay().task("job-1").attempt(), "on-failure: no restart after exit 0");
  }

  @Test
  @ReplayFixture("journal/fixtures/on-failure-max-attempts.jsonl")
  void onFailureRestartsUntilMaxAttempts(ReplayRun run) {
    assertEquals("failed", run.state("crashy-1"));
    assertEquals(3, run.replay().task("crashy-1").attempt(), "first run + max_attempts=2 restarts");
    assertEquals("exit code 1", run.status("crashy-1").error());
    long creates = run.records().stream().filter(r -> r instanceof EffectOutcome o
        && o.effect().equals("create") && o.result().succeeded()).count();
    assertEquals(3, creates);
  }

  @Test
  @ReplayFixture("journal/fixtures/shutdown-while-pulling.jsonl")
  void shutdownWhilePulling(ReplayRun run) {
    assertEquals("removed", run.state("web-1"));
    assertTrue(run.records().stream().anyMatch(r -> r instanceof Transition t
        && t.from().equals("pulling") && t.event().equals("shutdown")));
    assertTrue(run.records().stream().noneMatch(r -> r instanceof EffectIntent i
        && i.effect().equals("create")), "nothing is created after a shutdown while pulling");
  }

  @Test
  @ReplayFixture("journal/fixtures/shutdown-during-backoff.jsonl")
  void shutdownDuringBackoff(ReplayRun run) {
    assertEquals("removed", run.state("crashy-1"));
    assertTrue(run.records().stream().anyMatch(r -> r instanceof Transition t
        && t.from().equals("backing-off") && t.event().equals("shutdown")));
    assertEquals(1, run.replay().task("crashy-1").attempt(), "no second attempt was started");
  }

  @Test
  @ReplayFixture("journal/fixtures/stop-needs-sigkill.jsonl")
  void stopNeedsSigkill(ReplayRun run) {
    assertEquals("removed", run.state("stubborn-1"));
    EffectOutcome stop = run.records().stream().filter(r -> r instanceof EffectOutcome o
        && o.effect().equals("stop")).map(r -> (EffectOutcome) r).findFirst().orElseThrow();
    assertEquals("true", stop.details().get("killed"));
    assertEquals("137", stop.details().get("exitCode"));
  }

  @Test
  @ReplayFixture("journal/fixtures/killed-after-create-intent.jsonl")
  void killedAfterCreateIntentIsReportedOpenAndResumable(ReplayRun run) {
    assertEquals("creating", run.state("web-1"));
    assertEquals(List.of(), run.violations());
    assertEquals(1, run.openIntents().size());
    EffectIntent open = run.openIntents().get(0);
    assertEquals("create", open.effect());
    assertEquals("web-1-a1", open.containerId());
    assertEquals(run.openIntents(), run.restore().openIntents());
    // restore ran nothing; resuming re-issues the idempotent create and the task carries on
    assertEquals(List.of(), run.harness().runtime.calls());
    run.harness().engine.resume("web-1");
    run.harness().runUntilIdle();
    assertEquals("running", run.state("web-1"));
    assertEquals(List.of("create web-1-a1", "start web-1-a1"), run.harness().runtime.calls());
  }

  @Test
  @ReplayFixture("journal/fixtures/desired-flapping.jsonl")
  void desiredFlapping(ReplayRun run) {
    assertEquals(Map.of("flap-1", "removed", "flap-2", "removed", "flap-3", "removed"),
        run.states());
    assertEquals(List.of(), run.violations());
  }

  @Test
  @ReplayFixture("journal/fixtures/unsupported-secrets.jsonl")
  void unsupportedSecretsFailTheTask(ReplayRun run) {
    assertEquals("failed", run.state("secret-1"));
    assertEquals("prepare-secrets: not supported yet: secrets", run.status("secret-1").error());
  }

  @Test
  @ReplayFixture("journal/fixtures/temporary-failures-retried.jsonl")
  void temporaryFailuresAreRetried(ReplayRun run) {
    assertEquals("running", run.state("web-1"));
    long temporary = run.records().stream().filter(r -> r instanceof EffectOutcome o
        && o.result() == EffectOutcome.Result.FAILED_TEMPORARY).count();
    assertEquals(2, temporary);
    assertEquals(1, run.openIntents().size(), "the watch of the running container");
    // a restored running task obeys the manager: shutdown stops it
    run.harness().engine.setDesired("web-1", DesiredState.SHUTDOWN);
    run.harness().runUntilIdle();
    assertEquals("removed", run.state("web-1"));
  }
}
