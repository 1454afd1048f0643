package io.warren.journal;

/**
 * What counts as a legal task transition, for {@link JournalVerifier}. The engine owns the real
 * table (statemachines/task.yaml) and supplies it; the journal only asks.
 */
public interface TransitionRules {

  /** Accepts every transition and has no terminal states: checks only what the journal knows. */
  TransitionRules ANY = new TransitionRules() {
    @Override
    public boolean isLegal(String from, String event, String to) {
      return true;
    }

    @Override
    public boolean isTerminal(String state) {
      return false;
    }
  };

  boolean isLegal(String from, String event, String to);

  /** A state nothing may leave. */
  boolean isTerminal(String state);
}
