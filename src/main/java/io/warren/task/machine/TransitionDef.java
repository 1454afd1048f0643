package io.warren.task.machine;

import java.util.List;

/**
 * One row of the transition table: {@code from --event [guard]--> to}, then {@code effects} run in
 * order; when all succeed {@code okEvent} is sent, when one fails fatally {@code failedEvent} (each
 * may be null: no follow-up).
 *
 * @param guard guard name, or null for none
 * @param newAttempt the transition starts a new attempt (a new container id)
 * @param durable journaled before the state changes; memory-only rows must say {@code why}
 */
public record TransitionDef(int index, String from, String event, String to, String guard,
    List<String> effects, String okEvent, String failedEvent, boolean newAttempt, boolean durable,
    String why) {

  public TransitionDef {
    effects = effects == null ? List.of() : List.copyOf(effects);
  }

  /** How the row is named in error messages: {@code transitions[3] (pulling --pulled--> creating)}. */
  public String describe() {
    return "transitions[" + index + "] (" + from + " --" + event
        + (guard == null ? "" : " [" + guard + "]") + "--> " + to + ")";
  }
}
