package io.warren.task.machine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a definition as Markdown: a Mermaid state diagram and the transition table. The project's
 * docs/state-machines.md is this text for task.yaml (a test fails when it is out of date).
 */
public final class MachineDoc {
  private MachineDoc() {}

  public static String render(MachineDefinition d) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Task state machine\n\n")
        .append("<!-- Generated from statemachines/task.yaml by io.warren.task.machine.MachineDoc."
            + " Do not edit: change the YAML and run\n"
            + "     mvn -q test -Dtest=MachineDocTest -Dwarren.writeDocs=true -->\n\n")
        .append("The whole life of one Warren task on this worker. `statemachines/task.yaml` is "
            + "the single source; the engine builds one Spring Statemachine per task from it. "
            + "Every transition is journaled before the state changes; the effects listed run "
            + "after it (intent journaled, runtime call, outcome journaled), then the follow-up "
            + "event is sent: *ok* when all effects succeeded, *failed* (with the error as the "
            + "reason) when one failed fatally. Temporary failures are retried with back-off "
            + "(1 s doubling to 30 s, 5 retries) before they count as fatal.\n\n")
        .append("Loading: the worker reads the definition at start-up from the classpath "
            + "(`/statemachines/task.yaml`, which the build copies into the jar from the project's "
            + "`statemachines/` folder), through its packed form `task.packed`, generated from "
            + "it and committed beside it (no YAML parser on the start-up path; used only when "
            + "its header names the YAML's checksum, else the YAML is parsed); "
            + "`-Dwarren.taskMachine=FILE` loads another file instead. "
            + "Loading validates it and refuses to start, naming the entry, on an unknown state, "
            + "event, effect or guard, an unreachable state, a non-terminal state with no way out, "
            + "a follow-up event its target state has no row for, a row leaving a terminal state, "
            + "or a memory-only row without a reason.\n\n");
    sb.append("## Diagram\n\n```mermaid\nstateDiagram-v2\n");
    sb.append("    [*] --> ").append(id(d.initial())).append('\n');
    for (TransitionDef t : d.transitions()) {
      sb.append("    ").append(id(t.from())).append(" --> ").append(id(t.to())).append(" : ")
          .append(t.event()).append(t.guard() == null ? "" : " [" + t.guard() + "]").append('\n');
    }
    for (StateDef s : d.states().values()) {
      if (s.terminal()) {
        sb.append("    ").append(id(s.name())).append(" --> [*]\n");
      }
    }
    sb.append("```\n\n");
    sb.append("## States\n\n| state | reported to the manager | terminal | meaning |\n|---|---|---|---|\n");
    for (StateDef s : d.states().values()) {
      sb.append("| `").append(s.name()).append("` | ").append(s.status().wire()).append(" | ")
          .append(s.terminal() ? "yes" : "").append(" | ").append(s.doc()).append(" |\n");
    }
    sb.append("\n## Transitions\n\n")
        .append("| from | event | guard | to | effects | then ok | then failed | journaled |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (TransitionDef t : d.transitions()) {
      sb.append("| `").append(t.from()).append("` | ").append(t.event()).append(" | ")
          .append(t.guard() == null ? "" : t.guard()).append(" | `").append(t.to()).append("` | ")
          .append(String.join(", ", t.effects()))
          .append(t.newAttempt() ? " (new attempt)" : "").append(" | ")
          .append(t.okEvent() == null ? "" : t.okEvent()).append(" | ")
          .append(t.failedEvent() == null ? "" : t.failedEvent()).append(" | ")
          .append(t.durable() ? "durable" : "memory-only: " + t.why()).append(" |\n");
    }
    sb.append("\n## Events\n\n");
    table(sb, "event", d.events());
    sb.append("\n## Effects\n\n");
    table(sb, "effect", d.effects());
    sb.append("\n## Guards\n\nGuards read only the machine's extended state (attempt, last exit "
        + "code, restart policy), which is itself a fold of journal records.\n\n");
    table(sb, "guard", d.guards());
    return sb.toString();
  }

  private static void table(StringBuilder sb, String what, Map<String, String> m) {
    sb.append("| ").append(what).append(" | meaning |\n|---|---|\n");
    new LinkedHashMap<>(m).forEach((k, v) -> sb.append("| `").append(k).append("` | ").append(v)
        .append(" |\n"));
  }

  /** Mermaid ids cannot contain '-'. */
  private static String id(String state) {
    return state.replace('-', '_');
  }

}
