package io.warren.statemachine;

import io.warren.task.engine.TaskMachine;
import io.warren.task.engine.TaskMachineFactory;
import io.warren.task.engine.TransitionSink;
import io.warren.task.machine.Guards;
import io.warren.task.machine.MachineDefinition;
import io.warren.task.machine.StateDef;
import io.warren.task.machine.TaskVars;
import io.warren.task.machine.TransitionDef;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.builders.StateMachineStateConfigurer;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.guard.Guard;

/**
 * Builds Spring Statemachine machines from a definition. The Spring configuration (states,
 * transitions, guards) is built once and shared by all machines through Spring's
 * {@link StateMachineFactory}; each task gets its own machine instance with its own extended state.
 * Guards read only the {@link TaskVars} in the extended state; machines have no actions.
 */
public final class SpringTaskMachineFactory implements TaskMachineFactory {
  static final String VARS = "vars";

  private final MachineDefinition definition;
  private volatile StateMachineFactory<String, String> factory;

  /**
   * Spring's configuration is built on the first {@link #create} or {@link #prepare}, not here:
   * it costs a cold JVM ~80 ms of CPU, and a restarting worker needs no machine until its tasks
   * get events, after recovery (restored tasks reset their machines lazily).
   */
  public SpringTaskMachineFactory(MachineDefinition definition) {
    this.definition = definition;
  }

  /**
   * Builds Spring's configuration now if it is not built yet.
   *
   * @throws IllegalStateException if Spring Statemachine rejects the table
   */
  public void prepare() {
    springFactory();
  }

  /** Whether Spring's configuration has been built (tests). */
  boolean prepared() {
    return factory != null;
  }

  private StateMachineFactory<String, String> springFactory() {
    StateMachineFactory<String, String> f = factory;
    if (f == null) {
      synchronized (this) {
        f = factory;
        if (f == null) {
          f = buildFactory(definition);
          factory = f;
        }
      }
    }
    return f;
  }

  @Override
  public MachineDefinition definition() {
    return definition;
  }

  @Override
  public TaskMachine create(String taskId, TaskVars vars, String startState, TransitionSink sink) {
    definition.state(startState);
    StateMachine<String, String> sm = springFactory().getStateMachine(taskId);
    return new SpringTaskMachine(definition, sm, vars, startState, sink);
  }

  private static StateMachineFactory<String, String> buildFactory(MachineDefinition def) {
    StateMachineBuilder.Builder<String, String> b = StateMachineBuilder.builder();
    try {
      b.configureConfiguration().withConfiguration().autoStartup(false);
      Set<String> all = new LinkedHashSet<>(def.states().keySet());
      StateMachineStateConfigurer<String, String> sc = b.configureStates();
      var states = sc.withStates().initial(def.initial()).states(all);
      for (StateDef s : def.states().values()) {
        if (s.terminal()) {
          states.end(s.name());
        }
      }
      StateMachineTransitionConfigurer<String, String> tc = b.configureTransitions();
      for (TransitionDef t : def.transitions()) {
        var ext = tc.withExternal().source(t.from()).target(t.to()).event(t.event());
        if (t.guard() != null) {
          ext.guard(guard(Guards.named(t.guard())));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(def.source() + ": Spring Statemachine rejected the table: "
          + e.getMessage(), e);
    }
    return b.createFactory();
  }

  private static Guard<String, String> guard(Predicate<TaskVars> p) {
    return ctx -> p.test((TaskVars) ctx.getExtendedState().getVariables().get(VARS));
  }
}
