package io.warren.task.engine;

import io.warren.journal.Transition;

/** Where a machine appends a transition before changing state; throwing vetoes the change. */
@FunctionalInterface
public interface TransitionSink {
  TransitionSink NONE = t -> {};

  void append(Transition transition);
}
