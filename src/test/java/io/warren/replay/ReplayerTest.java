package io.warren.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.testing.EngineHarness;
import io.warren.testing.FixtureFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each invariant, broken on purpose in an otherwise recorded history, is caught and named. */
class ReplayerTest {
  private final Replayer replayer = new Replayer(EngineHarness.machines());

  private static List<JournalRecord> fixture(String name) {
    return new ArrayList<>(JsonlRecords.read(FixtureFiles.fixture(name)));
  }

  @Test
  void aRecordedHistoryHoldsEveryInvariant() {
    ReplayResult r = replayer.replay(fixture("on-failure-max-attempts"));
    assertTrue(r.ok(), r.violations().toString());
    assertEquals("failed", r.state("crashy-1"));
  }

  @Test
  void anIllegalTransitionIsNamed() {
    List<JournalRecord> h = fixture("normal-start-stop");
    h.add(3, new Transition(1, "web-1", 1, "preparing", "running", "prepared", ""));
    ReplayResult r = replayer.replay(h);
    Violation v = r.violations().get(0);
    assertEquals(4, v.record());
    assertEquals("Transition", v.type());
    assertEquals("web-1", v.task());
    assertTrue(v.message().contains("illegal transition preparing --prepared--> running"),
        v.message());
  }

  @Test
  void leavingATerminalStateIsNamed() {
    List<JournalRecord> h = fixture("image-pull-failure");
    h.add(new Transition(9, "web-1", 1, "failed", "preparing", "run", ""));
    ReplayResult r = replayer.replay(h);
    assertEquals(h.size(), r.violations().get(0).record());
    assertTrue(r.violations().get(0).message().startsWith("task leaves terminal state 'failed'"));
  }

  @Test
  void aGuardDisagreeingWithTheRecordIsNamed() {
    // exit code 1 under on-failure with attempts left: the machine backs off, the record says failed
    List<JournalRecord> h = fixture("on-failure-max-attempts");
    int i = indexOfTransitionTo(h, "backing-off");
    Transition t = (Transition) h.get(i);
    h.set(i, new Transition(t.timeMillis(), t.taskId(), t.attempt(), t.from(), "failed", t.event(), ""));
    ReplayResult r = replayer.replay(h);
    assertTrue(r.violations().get(0).message().contains("guards choose 'backing-off'"),
        r.violations().toString());
  }

  @Test
  void anOutcomeWithoutIntentIsNamedAndOpenIntentsAreReported() {
    List<JournalRecord> h = fixture("killed-after-create-intent");
    ReplayResult ok = replayer.replay(h);
    assertTrue(ok.ok());
    assertEquals(1, ok.openIntents().size());
    h.add(new EffectOutcome(9, "web-1", 1, 99, "start", "web-1-a1", EffectOutcome.Result.OK, "",
        Map.of()));
    ReplayResult r = replayer.replay(h);
    assertTrue(r.violations().get(0).message().contains("start #99 without an open intent"));
  }

  @Test
  void aSecondLiveContainerIsNamed() {
    List<JournalRecord> h = new ArrayList<>();
    h.add(new TaskAssigned(0, EngineHarness.spec("t")));
    h.add(new EffectIntent(1, "t", 1, 1, "create", "t-a1"));
    h.add(new EffectOutcome(1, "t", 1, 1, "create", "t-a1", EffectOutcome.Result.OK, "", Map.of()));
    h.add(new EffectIntent(2, "t", 2, 2, "create", "t-a2"));
    h.add(new EffectOutcome(2, "t", 2, 2, "create", "t-a2", EffectOutcome.Result.OK, "", Map.of()));
    h.add(new EffectIntent(3, "t", 2, 3, "create", "t-x"));
    ReplayResult r = replayer.replay(h);
    assertEquals(2, r.violations().size(), r.violations().toString());
    assertEquals(5, r.violations().get(0).record());
    assertTrue(r.violations().get(0).message().contains("more than one live container"));
    assertTrue(r.violations().get(1).message().contains("deterministic id is 't-a2'"));
  }

  @Test
  void aTransitionOfAnUnknownTaskIsNamed() {
    ReplayResult r = replayer.replay(List.of(
        new Transition(1, "ghost", 1, "assigned", "preparing", "run", "")));
    assertEquals("task 'ghost' was never assigned", r.violations().get(0).message());
  }

  @Test
  void aMalformedRecordIsAViolationNotACrash() {
    ReplayResult r = replayer.replay(List.of(new TaskAssigned(0, null)));
    assertTrue(r.violations().get(0).message().startsWith("malformed record"));
  }

  private static int indexOfTransitionTo(List<JournalRecord> h, String to) {
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i) instanceof Transition t && t.to().equals(to)) {
        return i;
      }
    }
    throw new AssertionError("no transition to " + to);
  }
}
