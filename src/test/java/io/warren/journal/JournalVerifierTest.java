package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The verifier's invariants over plain entries (no Chronicle), with a small transition table. */
class JournalVerifierTest {

  /** NEW -start-> RUNNING -exit-> EXITED -remove-> REMOVED (terminal). */
  static final TransitionRules TABLE = new TransitionRules() {
    private final Set<String> legal = Set.of("NEW/start/RUNNING", "RUNNING/exit/EXITED",
        "EXITED/remove/REMOVED", "EXITED/restart/RUNNING");

    @Override
    public boolean isLegal(String from, String event, String to) {
      return legal.contains(from + "/" + event + "/" + to);
    }

    @Override
    public boolean isTerminal(String state) {
      return state.equals("REMOVED");
    }
  };

  static List<JournalEntry> entries(JournalRecord... records) {
    List<JournalEntry> out = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      out.add(new JournalEntry(JournalIndex.index(1, i), records[i]));
    }
    return out;
  }

  static List<String> problems(List<Finding> findings) {
    return findings.stream().filter(Finding::problem).map(f -> f.check() + "@" + f.index())
        .collect(Collectors.toList());
  }

  @Test
  void aLegalLifecycleHasNoFindings() {
    List<Finding> f = new JournalVerifier(TABLE).verify(entries(
        new Transition(1, "t", 1, "NEW", "RUNNING", "start", ""),
        new Transition(2, "t", 1, "RUNNING", "EXITED", "exit", ""),
        new Transition(3, "t", 1, "EXITED", "REMOVED", "remove", "")));
    assertEquals(List.of(), f);
  }

  @Test
  void illegalTransitionsAndLeavingATerminalStateAreProblems() {
    List<Finding> f = new JournalVerifier(TABLE).verify(entries(
        new Transition(1, "t", 1, "NEW", "EXITED", "start", ""),
        new Transition(2, "t", 1, "EXITED", "REMOVED", "remove", ""),
        new Transition(3, "t", 2, "REMOVED", "RUNNING", "restart", "")));
    assertEquals(List.of("legal@" + JournalIndex.index(1, 0), "terminal@" + JournalIndex.index(1, 2),
        "legal@" + JournalIndex.index(1, 2)), problems(f));
  }

  @Test
  void withAnyRulesOnlyJournalLevelChecksApply() {
    List<Finding> f = new JournalVerifier(TransitionRules.ANY).verify(entries(
        new Transition(1, "t", 1, "NEW", "EXITED", "start", ""),
        new Transition(2, "t", 1, "EXITED", "REMOVED", "remove", ""),
        new Transition(3, "t", 2, "REMOVED", "RUNNING", "restart", "")));
    assertEquals(List.of(), problems(f));
  }

  @Test
  void openIntentsAreNotesAndASecondLiveContainerIsAProblem() {
    List<Finding> f = new JournalVerifier(TransitionRules.ANY).verify(entries(
        new EffectIntent(1, "t", 1, 1, "create", "t-1"),
        new EffectOutcome(2, "t", 1, 1, "create", "t-1", EffectOutcome.Result.OK, "", null),
        new EffectIntent(3, "t", 1, 2, "remove", "t-1"),
        new EffectOutcome(4, "t", 1, 2, "remove", "t-1", EffectOutcome.Result.OK, "", null),
        new EffectIntent(5, "t", 1, 3, "create", "t-1b"),
        new EffectOutcome(6, "t", 1, 3, "create", "t-1b", EffectOutcome.Result.OK, "", null),
        new EffectIntent(7, "t", 2, 4, "create", "t-2"),
        new EffectOutcome(8, "t", 2, 4, "create", "t-2", EffectOutcome.Result.OK, "", null),
        new EffectIntent(9, "t", 2, 5, "create", "t-2b"),
        new EffectOutcome(10, "t", 2, 5, "create", "t-2b", EffectOutcome.Result.OK, "", null),
        new EffectIntent(11, "t", 2, 6, "stop", "t-2")));
    assertEquals(List.of("one-container@" + JournalIndex.index(1, 9)), problems(f),
        "attempt 1 removed its first container before the second; attempt 2 did not");
    List<Finding> notes = f.stream().filter(x -> !x.problem()).collect(Collectors.toList());
    assertEquals(1, notes.size());
    assertEquals("open-intent", notes.get(0).check());
  }

  @Test
  void outcomesWithoutIntentsAreProblemsUnlessHistoryStartsAtACheckpoint() {
    EffectOutcome orphan = new EffectOutcome(2, "t", 1, 9, "start", "t-1", EffectOutcome.Result.OK,
        "", null);
    assertEquals(List.of("intent@" + JournalIndex.index(1, 0)),
        problems(new JournalVerifier(TransitionRules.ANY).verify(entries(orphan))));
    assertEquals(List.of(), problems(new JournalVerifier(TransitionRules.ANY).verify(entries(
        new Checkpoint(1, "n", List.of()), orphan))));
  }
}
