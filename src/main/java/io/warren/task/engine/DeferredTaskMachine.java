package io.warren.task.engine;

import io.warren.task.machine.TaskVars;
import java.util.function.Function;

/**
 * A restored task's machine, built on its first event rather than at restore.
 *
 * <p>Why: restore is on recovery's critical path, before any running container is reattached,
 * and building a Spring machine is the dearest part of it (tens of KB and about a millisecond
 * each on a cold JVM; a node's journal keeps every past task, most of them terminal, which never
 * fire again). Until then the machine's state is the journaled one, which is all restore needs;
 * the first {@link #fire} or {@link #resetTo} builds the real machine in that state, on the task's
 * lane, exactly as restore would have built it.
 */
final class DeferredTaskMachine implements TaskMachine {
  private final TaskVars vars;
  private final Function<String, TaskMachine> build;
  private String state;
  private TaskMachine machine;

  /** {@code build} makes the real machine in the state it is given (the journaled one). */
  DeferredTaskMachine(String state, TaskVars vars, Function<String, TaskMachine> build) {
    this.state = state;
    this.vars = vars;
    this.build = build;
  }

  @Override
  public String state() {
    return machine == null ? state : machine.state();
  }

  @Override
  public TaskVars vars() {
    return vars;
  }

  @Override
  public Fired fire(String event, long timeMillis, String reason) {
    return built().fire(event, timeMillis, reason);
  }

  @Override
  public void resetTo(String newState) {
    if (machine == null) {
      state = newState;
    } else {
      machine.resetTo(newState);
    }
  }

  /** Whether the real machine exists yet (for tests). */
  boolean isBuilt() {
    return machine != null;
  }

  private TaskMachine built() {
    if (machine == null) {
      machine = build.apply(state);
    }
    return machine;
  }
}
