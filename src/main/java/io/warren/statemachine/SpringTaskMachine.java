package io.warren.statemachine;

import io.warren.journal.Transition;
import io.warren.task.engine.TaskMachine;
import io.warren.task.engine.TransitionSink;
import io.warren.task.machine.MachineDefinition;
import io.warren.task.machine.TaskVars;
import io.warren.task.machine.TransitionDef;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.state.State;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.statemachine.support.StateMachineInterceptorAdapter;
import reactor.core.publisher.Mono;

/**
 * One task's Spring machine. An interceptor appends the {@link Transition} in
 * {@code preStateChange}, where the machine still holds the old state; if the append throws, Spring
 * skips the state change (and swallows the exception, answering ACCEPTED anyway), so the outcome is
 * decided here from what the interceptor saw, and checked against the state afterwards.
 */
final class SpringTaskMachine implements TaskMachine {
  private static final String TIME = "warren.time";
  private static final String REASON = "warren.reason";

  private final MachineDefinition def;
  private final StateMachine<String, String> sm;
  private final TaskVars vars;
  private final String taskId;
  private final TransitionSink sink;
  // What the interceptor saw during the current fire(); only touched on the task's lane.
  private Transition appended;
  private RuntimeException appendError;

  SpringTaskMachine(MachineDefinition def, StateMachine<String, String> sm, TaskVars vars,
      String startState, TransitionSink sink) {
    this.def = def;
    this.sm = sm;
    this.vars = vars;
    this.taskId = sm.getId();
    this.sink = sink;
    sm.getExtendedState().getVariables().put(SpringTaskMachineFactory.VARS, vars);
    sm.getStateMachineAccessor().doWithAllRegions(a -> a.addStateMachineInterceptor(new Journaling()));
    if (!startState.equals(def.initial())) {
      reset(startState);
    }
    sm.startReactively().block();
  }

  @Override
  public String state() {
    State<String, String> s = sm.getState();
    return s == null ? def.initial() : s.getId();
  }

  @Override
  public TaskVars vars() {
    return vars;
  }

  @Override
  public Fired fire(String event, long timeMillis, String reason) {
    String from = state();
    if (def.candidates(from, event).isEmpty()) {
      return Fired.NO_TRANSITION;
    }
    appended = null;
    appendError = null;
    Message<String> msg = MessageBuilder.withPayload(event)
        .setHeader(TIME, timeMillis)
        .setHeader(REASON, reason == null ? "" : reason)
        .build();
    sm.sendEvent(Mono.just(msg)).blockLast();
    if (appendError != null) {
      if (!state().equals(from)) {
        throw new IllegalStateException(taskId + ": state changed to " + state()
            + " although the journal append failed");
      }
      return new Fired(Outcome.JOURNAL_FAILED, null, appendError);
    }
    if (appended == null) {
      return Fired.REFUSED;
    }
    if (!state().equals(appended.to())) {
      throw new IllegalStateException(taskId + ": journaled " + from + " -> " + appended.to()
          + " but the machine is in " + state());
    }
    vars.apply(appended);
    return new Fired(Outcome.MOVED, appended, null);
  }

  @Override
  public void resetTo(String state) {
    def.state(state);
    sm.stopReactively().block();
    reset(state);
    sm.startReactively().block();
  }

  private void reset(String state) {
    // extended state null: keep the current variables (the TaskVars reference)
    sm.getStateMachineAccessor().doWithAllRegions(a -> a.resetStateMachineReactively(
        new DefaultStateMachineContext<>(state, null, null, null, null, taskId)).block());
  }

  private final class Journaling extends StateMachineInterceptorAdapter<String, String> {
    @Override
    public void preStateChange(State<String, String> state, Message<String> message,
        org.springframework.statemachine.transition.Transition<String, String> transition,
        StateMachine<String, String> stateMachine, StateMachine<String, String> root) {
      if (message == null || transition == null || transition.getSource() == null) {
        return; // initial state entry on start: not a transition of the task
      }
      String from = transition.getSource().getId();
      String to = state.getId();
      TransitionDef row = def.find(from, message.getPayload(), to);
      int attempt = vars.attempt + (row != null && row.newAttempt() ? 1 : 0);
      Long time = message.getHeaders().get(TIME, Long.class);
      Transition t = new Transition(time == null ? 0 : time, taskId, attempt, from, to,
          message.getPayload(), message.getHeaders().get(REASON, String.class));
      try {
        sink.append(t);
      } catch (RuntimeException e) {
        appendError = e;
        throw e; // vetoes the state change
      }
      appended = t;
    }
  }
}
