package io.warren.task.engine;

import io.warren.task.machine.MachineDefinition;
import io.warren.task.machine.TaskVars;

/** Builds task machines from a {@link MachineDefinition}. */
public interface TaskMachineFactory {

  MachineDefinition definition();

  /**
   * A started machine for one task.
   *
   * @param vars its extended state (kept by reference)
   * @param startState the initial state, or a journaled state to restore into (no action runs)
   * @param sink where transitions are appended before each state change
   */
  TaskMachine create(String taskId, TaskVars vars, String startState, TransitionSink sink);
}
