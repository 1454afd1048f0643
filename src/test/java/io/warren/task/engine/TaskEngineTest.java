package io.warren.task.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.Checkpoint;
import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.Transition;
import io.warren.runtime.ContainerLabels;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import io.warren.task.TaskStatus;
import io.warren.testing.EngineHarness;
import io.warren.testing.InMemoryJournal;
import io.warren.testing.ManualScheduler;
import io.warren.testing.FakeRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TaskEngineTest {

  @Test
  void journalFirstThenStateThenAct() {
    EngineHarness h = new EngineHarness();
    h.assign(EngineHarness.spec("web1")).runUntilIdle();
    assertEquals("running", h.state("web1"));
    List<JournalRecord> r = h.records();
    // the create intent precedes the runtime's create, and its outcome precedes the next transition
    int intent = indexOf(r, x -> x instanceof EffectIntent i && i.effect().equals("create"));
    int toStarting = indexOf(r, x -> x instanceof Transition t && t.to().equals("starting"));
    int toCreating = indexOf(r, x -> x instanceof Transition t && t.to().equals("creating"));
    assertTrue(toCreating < intent && intent < toStarting);
    TaskStatus s = h.engine.status("web1");
    assertEquals(ActualState.RUNNING, s.actualState());
    assertEquals("web1-a1", s.containerId());
    assertEquals(List.of("pull docker.io/library/busybox:1.36", "create web1-a1", "start web1-a1"),
        h.runtime.calls());
    // every effect ran as a blocking call, so a production pool can stand in for its thread
    assertEquals(r.stream().filter(x -> x instanceof EffectIntent).count(),
        h.scheduler.blockingCalls());
  }

  @Test
  void createdContainersCarryDeterministicIdAndLabels() {
    EngineHarness h = new EngineHarness();
    h.assign(EngineHarness.spec("web1")).runUntilIdle();
    var c = h.runtime.inspect("web1-a1").orElseThrow();
    assertEquals("web1", c.labels().get(ContainerLabels.TASK));
    assertEquals("1", c.labels().get(ContainerLabels.ATTEMPT));
    assertEquals("node-1", c.labels().get(ContainerLabels.NODE));
    assertEquals(ContainerLabels.MANAGED_BY_VALUE, c.labels().get(ContainerLabels.MANAGED_BY));
  }

  @Test
  void aFailedTransitionAppendVetoesTheChangeAndFailsStop() {
    InMemoryJournal journal = new InMemoryJournal();
    EngineHarness h = new EngineHarness(journal);
    h.assign(EngineHarness.spec("web1")).runUntilState("web1", "running");
    journal.failWhen(r -> r instanceof Transition, "disk full");
    h.engine.setDesired("web1", DesiredState.SHUTDOWN);
    h.runUntilIdle();
    assertEquals("running", h.state("web1"), "the state did not change");
    assertEquals(List.of(), h.runtime.calls().stream().filter(c -> c.startsWith("stop")).toList(),
        "no effect ran");
    TaskStatus s = h.engine.status("web1");
    assertEquals(ActualState.FAILED, s.actualState());
    assertTrue(s.error().contains("journal append failed") && s.error().contains("disk full"),
        s.error());
    assertEquals(1, h.failStops.size());
    assertEquals("web1", h.failStops.get(0).taskId());
    // halted for good: later events do nothing
    journal.failWhen(r -> false, "");
    h.engine.setDesired("web1", DesiredState.SHUTDOWN);
    h.runUntilIdle();
    assertEquals("running", h.state("web1"));
  }

  @Test
  void aFailedIntentAppendPerformsNothing() {
    InMemoryJournal journal = new InMemoryJournal();
    journal.failWhen(r -> r instanceof EffectIntent i && i.effect().equals("create"), "io error");
    EngineHarness h = new EngineHarness(journal);
    h.assign(EngineHarness.spec("web1")).runUntilIdle();
    assertEquals("creating", h.state("web1"));
    assertTrue(h.runtime.calls().stream().noneMatch(c -> c.startsWith("create")));
    assertEquals(1, h.failStops.size());
  }

  @Test
  void assignIsIdempotentAndStatusesAreReported() {
    EngineHarness h = new EngineHarness();
    List<TaskStatus> seen = new ArrayList<>();
    h.engine.onStatusChange(seen::add);
    h.assign(EngineHarness.spec("a")).assign(EngineHarness.spec("a")).runUntilIdle();
    assertEquals(1, h.records().stream().filter(r -> r.type().equals("TaskAssigned")).count());
    assertEquals(List.of("preparing", "pulling", "creating", "starting", "running"),
        seen.stream().map(TaskStatus::machineState).toList());
    assertEquals(1, h.engine.statuses().size());
  }

  @Test
  void forgetDropsOnlyTerminalTasks() {
    EngineHarness h = new EngineHarness();
    h.assign(EngineHarness.spec("a")).runUntilIdle();
    h.engine.forget("a");
    h.runUntilIdle();
    assertEquals("running", h.state("a"));
    h.engine.setDesired("a", DesiredState.SHUTDOWN);
    h.runUntilIdle();
    h.engine.forget("a");
    h.runUntilIdle();
    assertEquals(List.of(), h.engine.statuses());
  }

  @Test
  void aTaskIdThatCannotNameAContainerFailsWithAReason() {
    EngineHarness h = new EngineHarness();
    h.assign(EngineHarness.spec("../etc")).runUntilIdle();
    TaskStatus s = h.engine.status("../etc");
    assertEquals("failed", s.machineState());
    assertTrue(s.error().contains("'../etc' is not a safe identifier"), s.error());
  }

  @Test
  void temporaryFailuresGiveUpAfterTheRetries() {
    EngineHarness h = new EngineHarness();
    for (int i = 0; i < 6; i++) {
      h.runtime.failNext("start", io.warren.runtime.RuntimeFailure.temporary("busy", null));
    }
    h.assign(EngineHarness.spec("a")).runUntilIdle();
    assertEquals("failed", h.state("a"));
    assertEquals("start: busy (gave up after 6 tries)", h.engine.status("a").error());
    assertTrue(h.runtime.containers().isEmpty(), "the failed task's container was removed");
  }

  @Test
  void snapshotPlusLaterRecordsRestoresTheSameStates() {
    EngineHarness h = new EngineHarness();
    h.runtime.exitAllAfter(Duration.ofSeconds(5), 1);
    h.assign(EngineHarness.spec("a")).assign(EngineHarness.spec("b")).runFor(Duration.ofSeconds(3));
    Checkpoint cp = checkpointOf(h.records());
    int mark = h.journal.size();
    h.engine.setDesired("b", DesiredState.SHUTDOWN);
    h.runFor(Duration.ofSeconds(4));
    List<JournalRecord> after = h.records().subList(mark, h.journal.size());

    EngineHarness restored = new EngineHarness(new InMemoryJournal(), h.scheduler.nowMillis());
    TaskEngine.RestoreReport report = restored.engine.restore(cp, after);
    for (String t : List.of("a", "b")) {
      TaskStatus live = h.engine.status(t);
      TaskStatus back = restored.engine.status(t);
      assertEquals(live.machineState(), back.machineState(), t);
      assertEquals(live.attempt(), back.attempt(), t);
      assertEquals(live.containerId(), back.containerId(), t);
    }
    assertEquals(List.of(), restored.runtime.calls(), "restore performs nothing");
    assertEquals(0, restored.journal.size(), "restore journals nothing");
    // the open intents of the live engine are the ones restore reports
    assertEquals(checkpointOf(h.records()).tasks().stream()
            .map(s -> s.vars().getOrDefault("openIntents", "")).toList(),
        checkpointOf(h.records()).tasks().stream().map(s -> report.openIntents().stream()
            .filter(i -> i.taskId().equals(s.taskId()))
            .map(i -> i.effectSeq() + ":" + i.effect() + ":" + i.attempt())
            .collect(java.util.stream.Collectors.joining(","))).toList());
    assertTrue(report.openIntents().stream().anyMatch(i -> i.effect().equals("backoff")
        || i.effect().equals("watch")));
  }

  @Test
  void aContainerThatKeepsFailingIsRestartedAfterAGrowingBackOff() {
    EngineHarness h = new EngineHarness();
    h.runtime.exitAllAfter(Duration.ofSeconds(1), 1); // the default policy: on-failure, no delay
    h.assign(EngineHarness.spec("crashy")).runFor(Duration.ofSeconds(30));
    List<EffectOutcome> backoffs = h.records().stream()
        .filter(r -> r instanceof EffectOutcome o && o.effect().equals("backoff"))
        .map(r -> (EffectOutcome) r).toList();
    assertEquals(List.of("100", "200", "400", "800", "1600", "3200", "6400"),
        backoffs.stream().map(o -> o.details().get("delayMillis")).toList().subList(0, 7),
        "each quick exit in a row doubles the wait");
    for (EffectOutcome o : backoffs) {
      EffectIntent intent = h.records().stream()
          .filter(r -> r instanceof EffectIntent i && i.effectSeq() == o.effectSeq()
              && i.taskId().equals(o.taskId()))
          .map(r -> (EffectIntent) r).findFirst().orElseThrow();
      assertEquals(Long.parseLong(o.details().get("delayMillis")),
          o.timeMillis() - intent.timeMillis(), "the restart waited what the outcome says");
    }
  }

  @Test
  void realThreadsKeepEachTaskOnOneLane() throws Exception {
    ManualScheduler unused = new ManualScheduler(0);
    FakeRuntime runtime = new FakeRuntime(unused);
    InMemoryJournal journal = new InMemoryJournal();
    List<JournalRecord> synced = new CopyOnWriteArrayList<>();
    try (ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(Clock.systemUTC())) {
      TaskEngine engine = new TaskEngine(EngineHarness.machines(), r -> {
        synchronized (journal) {
          synced.add(r);
          return journal.append(r);
        }
      }, runtime, scheduler, "node-1");
      for (int i = 0; i < 20; i++) {
        engine.assign(EngineHarness.spec("t" + i), DesiredState.RUNNING);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> engine.statuses().size() == 20
          && engine.statuses().stream().allMatch(s -> s.machineState().equals("running")));
      for (int i = 0; i < 20; i++) {
        engine.setDesired("t" + i, DesiredState.SHUTDOWN);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> engine.statuses().stream()
          .allMatch(s -> s.machineState().equals("removed")));
    }
    assertTrue(new io.warren.replay.Replayer(EngineHarness.machines()).replay(synced).ok());
  }

  private static int indexOf(List<JournalRecord> r, java.util.function.Predicate<JournalRecord> p) {
    for (int i = 0; i < r.size(); i++) {
      if (p.test(r.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A checkpoint as the daemon writes one: the fold of every record so far. */
  private static Checkpoint checkpointOf(List<JournalRecord> records) {
    CheckpointFold fold = new CheckpointFold("assigned");
    records.forEach(fold::apply);
    return fold.snapshot("node-1");
  }
}
