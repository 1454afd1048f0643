package io.warren.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a journal's integrity and the engine's invariants:
 *
 * <ul>
 *   <li>integrity: every record is whole (CRC) and of a known version; torn tails are problems;
 *   <li>legal transitions only ({@link TransitionRules}), each starting from the task's current
 *       state, and nothing leaves a terminal state;
 *   <li>every effect intent has an outcome, or is reported open (a note: recovery resolves it);
 *       no outcome without its intent, no intent sequence number used twice;
 *   <li>at most one live container per task attempt: a {@code create} whose outcome succeeded
 *       makes a container live until a {@code remove}/{@code delete} outcome succeeds.
 * </ul>
 */
public final class JournalVerifier {

  private final TransitionRules rules;

  public JournalVerifier(TransitionRules rules) {
    this.rules = rules;
  }

  /** Verifies every retained record of the journal {@code reader} reads. */
  public List<Finding> verify(JournalReader reader) {
    List<Finding> out = new ArrayList<>();
    Run run = new Run(out);
    try (Stream<JournalEntry> all = reader.readAll()) {
      all.forEach(run::apply);
    } catch (JournalCorruptException e) {
      out.add(new Finding(e.index(), "", "integrity", e.getMessage(), true));
    } catch (UnsupportedRecordVersionException e) {
      out.add(new Finding(-1, "", "version", e.getMessage(), true));
    }
    for (TornTail t : reader.tornTails()) {
      out.add(new Finding(t.index(), "", "torn-tail", t.toString(), true));
    }
    run.finish();
    return out;
  }

  /** Verifies a sequence of entries (a fixture, an import). */
  public List<Finding> verify(Iterable<JournalEntry> entries) {
    List<Finding> out = new ArrayList<>();
    Run run = new Run(out);
    entries.forEach(run::apply);
    run.finish();
    return out;
  }

  private final class Run {
    private final List<Finding> out;
    private final Map<String, String> state = new HashMap<>();
    private final Map<String, Map<Long, EffectIntent>> open = new LinkedHashMap<>();
    private final Map<String, Set<String>> live = new HashMap<>();
    private boolean first = true;
    private boolean historyComplete = true;

    Run(List<Finding> out) {
      this.out = out;
    }

    void apply(JournalEntry e) {
      JournalRecord r = e.record();
      if (first) {
        // a journal whose oldest retained record is a checkpoint lost earlier intents by design
        historyComplete = !(r instanceof Checkpoint);
        first = false;
      }
      if (r instanceof Transition t) {
        transition(e.index(), t);
      } else if (r instanceof EffectIntent i) {
        Map<Long, EffectIntent> mine = open.computeIfAbsent(i.taskId(), k -> new LinkedHashMap<>());
        if (mine.putIfAbsent(i.effectSeq(), i) != null) {
          problem(e.index(), i.taskId(), "intent", "effect sequence " + i.effectSeq()
              + " used by two open intents");
        }
      } else if (r instanceof EffectOutcome o) {
        outcome(e.index(), o);
      } else if (r instanceof Checkpoint c) {
        for (Checkpoint.TaskSnapshot s : c.tasks()) {
          state.put(s.taskId(), s.state());
        }
      }
    }

    private void transition(long index, Transition t) {
      String current = state.get(t.taskId());
      if (current != null && !current.equals(t.from())) {
        problem(index, t.taskId(), "continuity", "transition from " + t.from()
            + " but the task was in " + current);
      }
      if (current != null && rules.isTerminal(current) && !current.equals(t.to())) {
        problem(index, t.taskId(), "terminal", "left terminal state " + current + " for " + t.to());
      }
      if (!rules.isLegal(t.from(), t.event(), t.to())) {
        problem(index, t.taskId(), "legal", "illegal transition " + t.from() + " --" + t.event()
            + "--> " + t.to());
      }
      state.put(t.taskId(), t.to());
    }

    private void outcome(long index, EffectOutcome o) {
      Map<Long, EffectIntent> mine = open.get(o.taskId());
      EffectIntent intent = mine == null ? null : mine.remove(o.effectSeq());
      if (intent == null && historyComplete) {
        problem(index, o.taskId(), "intent", "outcome of effect #" + o.effectSeq() + " ("
            + o.effect() + ") has no intent");
      }
      if (!o.result().succeeded()) {
        return;
      }
      String key = o.taskId() + "#" + o.attempt();
      String effect = o.effect().toLowerCase(Locale.ROOT);
      if (effect.equals("create")) {
        Set<String> set = live.computeIfAbsent(key, k -> new LinkedHashSet<>());
        set.add(o.containerId());
        if (set.size() > 1) {
          problem(index, o.taskId(), "one-container", "attempt " + o.attempt()
              + " has " + set.size() + " live containers: " + set);
        }
      } else if (effect.equals("remove") || effect.equals("delete")) {
        Set<String> set = live.get(key);
        if (set != null) {
          set.remove(o.containerId());
        }
      }
    }

    void finish() {
      open.forEach((task, intents) -> intents.values().forEach(i -> {
        String container = i.containerId().isEmpty() ? "" : " " + i.containerId();
        out.add(new Finding(-1, task, "open-intent", "effect #" + i.effectSeq() + " "
            + i.effect() + container + " has no outcome (may or may not have happened)", false));
      }));
    }

    private void problem(long index, String task, String check, String message) {
      out.add(new Finding(index, task, check, message, true));
    }
  }
}
