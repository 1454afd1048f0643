package io.warren.task.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.recovery.ReconcilePlanner;
import io.warren.recovery.Resolution;
import io.warren.task.DesiredState;
import io.warren.testing.EngineHarness;
import io.warren.testing.InMemoryJournal;
import io.warren.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recovery's engine side on the fake runtime: a worker "dies" (its scheduler's work is dropped), a
 * second engine restores from its journal, recovery plans against the same runtime, resolves and
 * resumes, as the worker does.
 */
class EngineRecoveryTest {

  @Test
  void aRunningTaskKeepsWaitingUnderTheWatchIntentItJournaledBeforeTheCrash() throws Exception {
    EngineHarness dead = new EngineHarness();
    dead.assign(EngineHarness.spec("a")).runUntilState("a", "running").runUntilIdle();
    EffectIntent watch = lastIntent(dead.records(), "watch");
    String cid = watch.containerId();

    Restarted r = restart(dead);
    r.scheduler.runUntilIdle();
    assertEquals(List.of(), r.journal.records(),
        "a restart journals nothing for a task whose container still runs");
    assertEquals("running", r.engine.status("a").machineState());
    assertEquals(java.util.Map.of(watch.effectSeq(), watch),
        r.engine.runners().iterator().next().openIntents(), "the watch stays open, waited on again");

    dead.runtime.stop(cid, Duration.ofSeconds(1)); // the container exits after the restart
    r.scheduler.runUntilIdle();
    EffectOutcome exit = (EffectOutcome) r.journal.records().get(0);
    assertEquals("watch", exit.effect());
    assertEquals(watch.effectSeq(), exit.effectSeq(),
        "the exit is the outcome of the watch begun before the crash");
    assertEquals("143", exit.details().get("exitCode"));
    assertTrue(r.journal.records().stream().noneMatch(x -> x instanceof EffectIntent i
        && i.effect().equals("watch") && i.attempt() == 1), r.journal.records().toString());
  }

  @Test
  void aWatchThatResumeDoesNotRepeatIsClosedWithWhatContainerdShowed() {
    EngineHarness dead = new EngineHarness();
    dead.assign(EngineHarness.spec("a")).runUntilState("a", "running").runUntilIdle();
    EffectIntent watch = lastIntent(dead.records(), "watch");
    dead.runtime.dieDuring("stop");
    dead.engine.setDesired("a", DesiredState.SHUTDOWN);
    dead.runUntilWorkerDies(); // in stopping, the stop's intent journaled, the watch still open

    Restarted r = restart(dead);
    EffectOutcome closed = (EffectOutcome) r.journal.records().get(0);
    assertEquals(watch.effectSeq(), closed.effectSeq());
    assertEquals(EffectOutcome.Result.FAILED_TEMPORARY, closed.result());
    r.scheduler.runUntilIdle();
    assertEquals("removed", r.engine.status("a").machineState());
    assertEquals(List.of(), dead.runtime.listOwned());
  }

  @Test
  void aStartTheCrashCutShortCountsItsRunFromItsIntent() {
    EngineHarness dead = new EngineHarness();
    dead.assign(EngineHarness.spec("a")).runUntilState("a", "running").runUntilIdle();
    EffectIntent start = lastIntent(dead.records(), "start");
    // the worker died after starting the container, before journaling the start's outcome
    List<JournalRecord> cut = dead.records().subList(0, dead.records().indexOf(start) + 1);
    dead.scheduler.advanceClock(Duration.ofMinutes(5)); // down for five minutes

    Restarted r = restart(dead, cut);
    EffectOutcome started = (EffectOutcome) r.journal.records().get(0);
    assertEquals(start.effectSeq(), started.effectSeq());
    assertEquals(EffectOutcome.Result.ALREADY_DONE, started.result());
    assertEquals(Long.toString(start.timeMillis()), started.details().get("startedAtMillis"));
    TaskRunner runner = r.engine.runners().iterator().next();
    assertEquals(start.timeMillis(), runner.vars().startedAtMillis,
        "the run is measured from the start's intent, not from the restart five minutes later");
  }

  private static EffectIntent lastIntent(List<JournalRecord> records, String effect) {
    EffectIntent found = null;
    for (JournalRecord x : records) {
      if (x instanceof EffectIntent i && i.effect().equals(effect)) {
        found = i;
      }
    }
    return found;
  }

  /** A second engine on the dead one's runtime and journal, recovered as the worker does it. */
  private static Restarted restart(EngineHarness dead) {
    return restart(dead, dead.records());
  }

  private static Restarted restart(EngineHarness dead, List<JournalRecord> journal) {
    dead.scheduler.discardAll();
    ManualScheduler scheduler = new ManualScheduler(dead.scheduler.nowMillis());
    InMemoryJournal written = new InMemoryJournal();
    TaskEngine engine = new TaskEngine(EngineHarness.machines(), written, dead.runtime, scheduler,
        "node-1");
    engine.restore(null, journal);
    EngineRecovery recovery = new EngineRecovery(engine);
    for (Resolution res : ReconcilePlanner.plan(recovery.journaledTasks(),
        dead.runtime.listOwned())) {
      recovery.apply(res);
    }
    recovery.resumeAll();
    return new Restarted(scheduler, written, engine);
  }

  private record Restarted(ManualScheduler scheduler, InMemoryJournal journal, TaskEngine engine) {}
}
