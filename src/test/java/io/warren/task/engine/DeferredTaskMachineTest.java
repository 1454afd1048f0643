package io.warren.task.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.Transition;
import io.warren.task.machine.TaskVars;
import io.warren.testing.EngineHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restored task's machine is built on its first event, in the state it is in by then, and
 * behaves from there exactly like one built at restore.
 */
class DeferredTaskMachineTest {

  @Test
  void buildsTheRealMachineOnceOnTheFirstEventInTheCurrentState() {
    TaskVars vars = new TaskVars();
    List<String> builtIn = new ArrayList<>();
    List<Transition> journaled = new ArrayList<>();
    DeferredTaskMachine m = new DeferredTaskMachine("running", vars, state -> {
      builtIn.add(state);
      return EngineHarness.machines().create("web-1", vars, state, journaled::add);
    });

    assertEquals("running", m.state());
    assertSame(vars, m.vars());
    m.resetTo("stopping"); // before the first event: only the remembered state changes
    assertEquals("stopping", m.state());
    assertFalse(m.isBuilt());
    assertEquals(List.of(), builtIn);

    TaskMachine.Fired f = m.fire("stopped", 1_000L, "exit 0");
    assertTrue(m.isBuilt());
    assertEquals(List.of("stopping"), builtIn, "built once, in the state it had reached");
    assertEquals(TaskMachine.Outcome.MOVED, f.outcome(), f.toString());
    assertEquals("stopping", f.record().from());
    assertEquals(f.record().to(), m.state());
    assertEquals(1, journaled.size());

    m.fire("no-such-event", 2_000L, "");
    assertEquals(1, builtIn.size(), "never built twice");
  }
}
