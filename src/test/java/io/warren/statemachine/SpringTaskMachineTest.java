package io.warren.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.journal.JournalException;
import io.warren.journal.Transition;
import io.warren.task.engine.TaskMachine;
import io.warren.task.engine.TaskMachine.Outcome;
import io.warren.task.load.TaskMachineLoader;
import io.warren.task.machine.TaskVars;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpringTaskMachineTest {
  private final SpringTaskMachineFactory factory =
      new SpringTaskMachineFactory(TaskMachineLoader.taskMachine());

  @Test
  void springsConfigurationIsBuiltOnFirstUseNotByTheConstructor() {
    SpringTaskMachineFactory lazy = new SpringTaskMachineFactory(TaskMachineLoader.taskMachine());
    assertFalse(lazy.prepared(), "a restarting worker builds no machine before it has recovered");
    TaskMachine m = lazy.create("t0", new TaskVars(), "assigned", t -> { });
    assertTrue(lazy.prepared());
    assertEquals(Outcome.MOVED, m.fire("run", 1L, "go").outcome());
    lazy.prepare(); // idempotent
  }

  @Test
  void journalsEachTransitionBeforeTheStateChanges() {
    List<String> seenStateAtAppend = new ArrayList<>();
    List<Transition> journal = new ArrayList<>();
    TaskMachine[] m = new TaskMachine[1];
    m[0] = factory.create("t1", new TaskVars(), "assigned", t -> {
      seenStateAtAppend.add(m[0].state());
      journal.add(t);
    });
    TaskMachine.Fired f = m[0].fire("run", 1234L, "go");
    assertEquals(Outcome.MOVED, f.outcome());
    assertEquals("preparing", m[0].state());
    assertEquals(List.of("assigned"), seenStateAtAppend);
    assertEquals(new Transition(1234L, "t1", 1, "assigned", "preparing", "run", "go"), journal.get(0));
  }

  @Test
  void aFailedAppendVetoesTheChangeAndIsReported() {
    TaskMachine m = factory.create("t2", new TaskVars(), "assigned", t -> {
      throw new JournalException("disk full");
    });
    TaskMachine.Fired f = m.fire("run", 1L, "");
    assertEquals(Outcome.JOURNAL_FAILED, f.outcome());
    assertEquals("disk full", f.journalError().getMessage());
    assertEquals("assigned", m.state());
  }

  @Test
  void guardsChooseOnExtendedStateAndNewAttemptCounts() {
    TaskVars vars = new TaskVars();
    vars.condition = io.warren.task.RestartPolicy.Condition.ON_FAILURE;
    vars.maxAttempts = 1;
    List<Transition> journal = new ArrayList<>();
    TaskMachine m = factory.create("t3", vars, "exited", journal::add);
    vars.exitCode = 3;
    assertEquals(Outcome.MOVED, m.fire("cleaned", 5L, "").outcome());
    assertEquals("backing-off", m.state());
    assertEquals(Outcome.MOVED, m.fire("backoff-done", 6L, "").outcome());
    assertEquals("creating", m.state());
    assertEquals(2, vars.attempt);
    assertEquals(2, journal.get(1).attempt());
    m.resetTo("exited");
    assertEquals(Outcome.MOVED, m.fire("cleaned", 7L, "exit code 3").outcome());
    assertEquals("failed", m.state(), "max attempts reached: exit-failed");
    assertEquals(Outcome.NO_TRANSITION, m.fire("run", 8L, "").outcome());
  }

  @Test
  void restoreByResetRunsNothingAndJournalsNothing() {
    List<Transition> journal = new ArrayList<>();
    TaskMachine m = factory.create("t4", new TaskVars(), "running", journal::add);
    assertEquals("running", m.state());
    assertEquals(List.of(), journal);
    assertEquals(Outcome.MOVED, m.fire("shutdown", 1L, "").outcome());
    assertEquals("stopping", m.state());
    assertNull(m.fire("nonsense", 1L, "").record());
  }
}
