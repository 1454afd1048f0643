package io.warren.task.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.task.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryFoldTest {

  private static TaskAssigned assigned(String taskId) {
    return new TaskAssigned(1, TaskSpec.of(taskId, "busybox:1.36", List.of("sleep", "1")));
  }

  /**
   * A fold made before the task machine is loaded gives the tasks assigned in its records, and
   * not moved since, the initial state it learns afterwards; it shows nothing before that.
   */
  @Test
  void aFoldAwaitingTheInitialStateFillsItInForTasksNotMovedSinceAssignment() {
    HistoryFold fold = HistoryFold.awaitingInitialState();
    fold.apply(assigned("waiting"));
    fold.apply(assigned("moved"));
    fold.apply(new Transition(2, "moved", 1, "assigned", "preparing", "prepare", ""));

    assertThrows(IllegalStateException.class, fold::tasks);
    fold.initialState("assigned");

    assertEquals("assigned", fold.tasks().get("waiting").state);
    assertEquals("preparing", fold.tasks().get("moved").state);
    assertThrows(IllegalStateException.class, () -> fold.initialState("other"));
    fold.apply(assigned("later"));
    assertEquals("assigned", fold.tasks().get("later").state, "assigned after it was named");
  }

  /** Folding as records arrive or from a list, with the state named up front, is the same. */
  @Test
  void theAwaitingFoldEqualsTheOrdinaryOne() {
    List<io.warren.journal.JournalRecord> records = List.of(assigned("a"), assigned("b"),
        new Transition(2, "b", 1, "assigned", "preparing", "prepare", ""));
    HistoryFold now = new HistoryFold("assigned").applyAll(records);
    HistoryFold later = HistoryFold.awaitingInitialState().applyAll(records);
    later.initialState("assigned");
    for (String id : List.of("a", "b")) {
      assertEquals(now.tasks().get(id).state, later.tasks().get(id).state);
      assertEquals(now.tasks().get(id).vars.toMap(), later.tasks().get(id).vars.toMap());
    }
  }

  /** A copy has the same tasks and shares nothing mutable: folding more into one leaves the other. */
  @Test
  void aCopySharesNothingMutable() {
    HistoryFold fold = new HistoryFold("assigned");
    fold.apply(assigned("a"));
    fold.apply(new io.warren.journal.EffectIntent(2, "a", 1, 1, "create", "a-1"));
    HistoryFold copy = fold.copy();
    assertEquals(fold.tasks().get("a").vars.toMap(), copy.tasks().get("a").vars.toMap());
    assertEquals(fold.tasks().get("a").openIntents(), copy.tasks().get("a").openIntents());

    fold.apply(new Transition(3, "a", 1, "assigned", "preparing", "prepare", ""));
    fold.apply(new io.warren.journal.EffectOutcome(4, "a", 2, 1, "create", "a-1",
        io.warren.journal.EffectOutcome.Result.OK, "", java.util.Map.of()));
    fold.tasks().get("a").vars.attempt = 7;

    HistoryFold.TaskHistory copied = copy.tasks().get("a");
    assertEquals("assigned", copied.state);
    assertEquals(1, copied.openIntents().size(), "the intent stays open in the copy");
    assertEquals(1, copied.vars.attempt);
    assertEquals(0, fold.tasks().get("a").openIntents().size());
  }
}
