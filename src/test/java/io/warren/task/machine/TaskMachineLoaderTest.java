package io.warren.task.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.task.ActualState;
import io.warren.task.load.TaskMachineLoader;
import io.warren.testing.FixtureFiles;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TaskMachineLoaderTest {
  private static final String MINI = """
      initial: a
      states:
        a: {status: pending}
        b: {status: running}
        z: {status: complete, terminal: true}
      events: {run: "", shutdown: "", health-ok: "", health-bad: "", go: ""}
      effects: {pull: ""}
      guards: {}
      transitions:
        - {from: a, event: run, to: b, effects: [pull], ok: go}
        - {from: b, event: go, to: z}
        - {from: b, event: shutdown, to: z}
      """;

  @Test
  void thePackagedMachineIsTheProjectFile() throws Exception {
    MachineDefinition packaged = TaskMachineLoader.fromClasspath();
    MachineDefinition file = TaskMachineLoader.parse("task.yaml", Files.readString(
        FixtureFiles.projectDir().resolve("statemachines/task.yaml")));
    assertEquals(file.transitions(), packaged.transitions());
    assertEquals(file.states(), packaged.states());
  }

  @Test
  void theTaskMachineCoversWarrensStatuses() {
    MachineDefinition d = TaskMachineLoader.taskMachine();
    assertEquals(ActualState.PENDING, d.statusOf("pulling"));
    assertEquals(ActualState.RUNNING, d.statusOf("healthy"));
    assertEquals(ActualState.FAILED, d.statusOf("failed"));
    assertEquals(ActualState.COMPLETE, d.statusOf("removed"));
    assertTrue(d.isTerminal("removed") && d.isTerminal("failed"));
    assertTrue(d.isLegal("pulling", "shutdown", "stopped"));
    assertFalse(d.isLegal("removed", "run", "preparing"));
    // every non-terminal state except those already on the way out obeys a shutdown
    for (String s : d.states().keySet()) {
      if (!d.isTerminal(s) && !s.equals("stopping") && !s.equals("stopped")) {
        assertFalse(d.candidates(s, "shutdown").isEmpty(), s + " must handle shutdown");
      }
    }
  }

  @Test
  void aMinimalMachineLoads() {
    MachineDefinition d = TaskMachineLoader.parse("mini.yaml", MINI);
    assertTrue(d.isLegal("a", "run", "b"));
  }

  @Test
  void unknownStateIsNamed() {
    assertFails(MINI.replace("{from: b, event: go, to: z}", "{from: b, event: go, to: zz}"),
        "mini.yaml: transitions[1] (b --go--> zz): unknown state 'zz'");
  }

  @Test
  void unknownEventIsNamed() {
    assertFails(MINI.replace("event: go,", "event: gone,"),
        "mini.yaml: transitions[1] (b --gone--> z): unknown event 'gone'");
  }

  @Test
  void unknownEffectIsNamed() {
    assertFails(MINI.replace("effects: {pull: \"\"}", "effects: {pull: \"\", teleport: \"\"}"),
        "mini.yaml: effects.teleport: unknown effect");
    assertFails(MINI.replace("effects: [pull]", "effects: [create]"),
        "mini.yaml: transitions[0] (a --run--> b): unknown effect 'create'");
  }

  @Test
  void unreachableStateIsNamed() {
    assertFails(MINI.replace("  z: {status: complete, terminal: true}",
        "  z: {status: complete, terminal: true}\n  lost: {status: failed, terminal: true}"),
        "mini.yaml: states.lost: unreachable from 'a'");
  }

  @Test
  void deadEndIsNamed() {
    assertFails(MINI.replace("  z: {status: complete, terminal: true}",
        "  z: {status: complete, terminal: true}\n  stuck: {status: pending}")
            .replace("- {from: b, event: go, to: z}", "- {from: b, event: go, to: stuck}"),
        "mini.yaml: states.stuck: not terminal but no transition leaves it");
  }

  @Test
  void followUpWithoutRowIsNamed() {
    assertFails(MINI.replace("ok: go", "ok: shutdown").replace("- {from: b, event: shutdown, to: z}",
        "- {from: b, event: health-ok, to: z}"),
        "mini.yaml: transitions[0] (a --run--> b): follow-up event 'shutdown' has no transition from 'b'");
  }

  @Test
  void memoryOnlyNeedsWhy() {
    assertFails(MINI.replace("{from: b, event: go, to: z}", "{from: b, event: go, to: z, durable: false}"),
        "mini.yaml: transitions[1] (b --go--> z): a memory-only transition must say why");
  }

  @Test
  void unknownKeysAndStatusesAreNamed() {
    assertFails(MINI.replace("a: {status: pending}", "a: {status: pending, colour: red}"),
        "mini.yaml: states.a: unknown key 'colour'");
    assertFails(MINI.replace("a: {status: pending}", "a: {status: waiting}"),
        "mini.yaml: states.a.status: unknown value 'waiting' (expected pending, running, failed or complete)");
    assertFails("initial: [", "mini.yaml: not valid YAML");
  }

  @Test
  void leavingATerminalStateIsRefused() {
    assertFails(MINI + "  - {from: z, event: run, to: b}\n",
        "mini.yaml: transitions[3] (z --run--> b): leaves terminal state 'z'");
  }

  private static void assertFails(String yaml, String messageStart) {
    InvalidMachineDefinition e = assertThrows(InvalidMachineDefinition.class,
        () -> TaskMachineLoader.parse("mini.yaml", yaml));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }
}
