package io.warren.task.engine;

import io.warren.journal.Transition;
import io.warren.task.machine.TaskVars;

/**
 * One task's state machine, as the engine sees it (the Spring adapter implements it). Transitions
 * are pure: firing an event journals the {@link Transition} through the machine's
 * {@link TransitionSink} and then changes state; nothing else happens. Not thread-safe: one task's
 * events are fired from one thread at a time (the task's lane).
 */
public interface TaskMachine {

  String state();

  /** The extended state the guards read; the same object for the machine's whole life. */
  TaskVars vars();

  /**
   * Fires an event. {@code timeMillis} and {@code reason} go into the journaled record: the machine
   * reads no clock.
   */
  Fired fire(String event, long timeMillis, String reason);

  /** Puts the machine into {@code state} without running anything or journaling (restore/replay). */
  void resetTo(String state);

  /** What firing an event did. */
  enum Outcome {
    /** The transition was journaled and the state changed. */
    MOVED,
    /** No row for this event in the current state: nothing happened. */
    NO_TRANSITION,
    /** Rows exist but every guard refused: nothing happened. */
    REFUSED_BY_GUARD,
    /** The journal append threw: the state did not change; the task must fail stop. */
    JOURNAL_FAILED
  }

  /**
   * @param record the journaled transition when {@code MOVED}
   * @param journalError the append's exception when {@code JOURNAL_FAILED}
   */
  record Fired(Outcome outcome, Transition record, RuntimeException journalError) {
    public static final Fired NO_TRANSITION = new Fired(Outcome.NO_TRANSITION, null, null);
    public static final Fired REFUSED = new Fired(Outcome.REFUSED_BY_GUARD, null, null);

    public boolean moved() {
      return outcome == Outcome.MOVED;
    }
  }
}
