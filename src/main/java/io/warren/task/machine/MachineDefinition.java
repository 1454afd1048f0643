package io.warren.task.machine;

import io.warren.task.ActualState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task lifecycle as data (read from {@code statemachines/task.yaml}): states, events, guards,
 * effects and the transition table. Immutable and validated on construction, so a definition
 * that exists is sound: every name is declared, every state is reachable from the initial state,
 * every non-terminal state has a way out, and every follow-up event is accepted by its target.
 *
 * <p>It is also the legal-transition table that replay and the journal verifier check histories
 * against ({@link #isLegal}, {@link #isTerminal}).
 */
public final class MachineDefinition implements io.warren.journal.TransitionRules {
  private final String source;
  private final String initial;
  private final Map<String, StateDef> states;
  private final Map<String, String> events;
  private final Map<String, String> effects;
  private final Map<String, String> guards;
  private final List<TransitionDef> transitions;
  private final Map<String, Map<String, List<TransitionDef>>> byFromEvent = new HashMap<>();

  /**
   * @param source the file name used in error messages
   * @throws InvalidMachineDefinition naming the offending entry
   */
  public MachineDefinition(String source, String initial, Map<String, StateDef> states,
      Map<String, String> events, Map<String, String> effects, Map<String, String> guards,
      List<TransitionDef> transitions) {
    this.source = source;
    this.initial = initial;
    this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    this.events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    this.effects = Collections.unmodifiableMap(new LinkedHashMap<>(effects));
    this.guards = Collections.unmodifiableMap(new LinkedHashMap<>(guards));
    this.transitions = List.copyOf(transitions);
    for (TransitionDef t : this.transitions) {
      byFromEvent.computeIfAbsent(t.from(), k -> new HashMap<>())
          .computeIfAbsent(t.event(), k -> new ArrayList<>()).add(t);
    }
    validate();
  }

  public String source() {
    return source;
  }

  public String initial() {
    return initial;
  }

  public Map<String, StateDef> states() {
    return states;
  }

  public Map<String, String> events() {
    return events;
  }

  public Map<String, String> effects() {
    return effects;
  }

  public Map<String, String> guards() {
    return guards;
  }

  public List<TransitionDef> transitions() {
    return transitions;
  }

  public StateDef state(String name) {
    StateDef s = states.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown state '" + name + "' (" + source + ")");
    }
    return s;
  }

  public boolean hasState(String name) {
    return states.containsKey(name);
  }

  /** Whether nothing leaves this state. Unknown states are not terminal. */
  public boolean isTerminal(String state) {
    StateDef s = states.get(state);
    return s != null && s.terminal();
  }

  public ActualState statusOf(String state) {
    return state(state).status();
  }

  /** The rows an event may take from a state (several when guards choose), empty if none. */
  public List<TransitionDef> candidates(String from, String event) {
    Map<String, List<TransitionDef>> m = byFromEvent.get(from);
    if (m == null) {
      return List.of();
    }
    return m.getOrDefault(event, List.of());
  }

  /** Whether the table has a row {@code from --event--> to} (under some guard). */
  public boolean isLegal(String from, String event, String to) {
    return find(from, event, to) != null;
  }

  /** The row {@code from --event--> to}, or null. */
  public TransitionDef find(String from, String event, String to) {
    for (TransitionDef t : candidates(from, event)) {
      if (t.to().equals(to)) {
        return t;
      }
    }
    return null;
  }

  private void validate() {
    if (!states.containsKey(initial)) {
      throw fail("initial: unknown state '" + initial + "'");
    }
    for (String e : Effects.ENGINE_EVENTS) {
      if (!events.containsKey(e)) {
        throw fail("events: the engine sends '" + e + "' but it is not declared");
      }
    }
    for (String e : effects.keySet()) {
      if (!Effects.ALL.contains(e)) {
        throw fail("effects." + e + ": unknown effect (known: " + sorted(Effects.ALL) + ")");
      }
    }
    for (String g : guards.keySet()) {
      if (!Guards.known(g)) {
        throw fail("guards." + g + ": unknown guard");
      }
    }
    Set<String> seen = new HashSet<>();
    for (TransitionDef t : transitions) {
      String at = t.describe();
      checkState(t.from(), at);
      checkState(t.to(), at);
      checkEvent(t.event(), at);
      if (t.okEvent() != null) {
        checkEvent(t.okEvent(), at + " ok");
      }
      if (t.failedEvent() != null) {
        checkEvent(t.failedEvent(), at + " failed");
      }
      if (t.guard() != null && !guards.containsKey(t.guard())) {
        throw fail(at + ": unknown guard '" + t.guard() + "'");
      }
      for (String e : t.effects()) {
        if (!effects.containsKey(e)) {
          throw fail(at + ": unknown effect '" + e + "'");
        }
      }
    }
    // names are sound; now the structure
    for (TransitionDef t : transitions) {
      String at = t.describe();
      if (!t.durable() && (t.why() == null || t.why().isBlank())) {
        throw fail(at + ": a memory-only transition must say why");
      }
      if (states.get(t.from()).terminal()) {
        throw fail(at + ": leaves terminal state '" + t.from() + "'");
      }
      if (!seen.add(t.from() + "|" + t.event() + "|" + t.to())) {
        throw fail(at + ": duplicate row");
      }
      List<TransitionDef> same = candidates(t.from(), t.event());
      if (same.size() > 1 && same.stream().anyMatch(c -> c.guard() == null)) {
        throw fail(at + ": several rows for one event need a guard on each");
      }
      checkFollowUp(t, t.okEvent());
      checkFollowUp(t, t.failedEvent());
    }
    for (StateDef s : states.values()) {
      if (!s.terminal() && !byFromEvent.containsKey(s.name())) {
        throw fail("states." + s.name() + ": not terminal but no transition leaves it");
      }
    }
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(initial));
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (reached.add(s)) {
        byFromEvent.getOrDefault(s, Map.of()).values()
            .forEach(l -> l.forEach(t -> todo.push(t.to())));
      }
    }
    for (String s : states.keySet()) {
      if (!reached.contains(s)) {
        throw fail("states." + s + ": unreachable from '" + initial + "'");
      }
    }
  }

  private void checkFollowUp(TransitionDef t, String event) {
    if (event != null && !states.get(t.to()).terminal() && candidates(t.to(), event).isEmpty()) {
      throw fail(t.describe() + ": follow-up event '" + event + "' has no transition from '"
          + t.to() + "'");
    }
  }

  private void checkState(String s, String at) {
    if (!states.containsKey(s)) {
      throw fail(at + ": unknown state '" + s + "'");
    }
  }

  private void checkEvent(String e, String at) {
    if (!events.containsKey(e)) {
      throw fail(at + ": unknown event '" + e + "'");
    }
  }

  private InvalidMachineDefinition fail(String msg) {
    return new InvalidMachineDefinition(source + ": " + msg);
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    Collections.sort(l);
    return l;
  }
}
