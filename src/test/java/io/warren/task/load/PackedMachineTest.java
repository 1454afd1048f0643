package io.warren.task.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.task.machine.InvalidMachineDefinition;
import io.warren.task.machine.MachineDefinition;
import io.warren.testing.FixtureFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** statemachines/task.packed is generated from task.yaml; this fails when it is out of date. */
class PackedMachineTest {
  private static final Path YAML = FixtureFiles.projectDir().resolve("statemachines/task.yaml");
  private static final Path PACKED = FixtureFiles.projectDir().resolve("statemachines/task.packed");

  @Test
  void packedFileMatchesTheYaml() throws Exception {
    byte[] yaml = Files.readAllBytes(YAML);
    String expected = PackedMachine.write(TaskMachineLoader.fromFile(YAML), yaml);
    if (Boolean.getBoolean("warren.writeDocs")) {
      Files.writeString(PACKED, expected);
    }
    assertEquals(expected, Files.exists(PACKED) ? Files.readString(PACKED) : "",
        "statemachines/task.packed is out of date: run "
            + "mvn -q test -Dtest=PackedMachineTest -Dwarren.writeDocs=true");
  }

  @Test
  void thePackedFormReadsBackAsTheYamlDefinition() throws Exception {
    byte[] yaml = Files.readAllBytes(YAML);
    MachineDefinition parsed = TaskMachineLoader.fromFile(YAML);
    MachineDefinition packed = PackedMachine.readIfMadeFrom("task.yaml",
        PackedMachine.write(parsed, yaml), yaml);
    assertSame(parsed, packed);
    assertSame(parsed, TaskMachineLoader.fromClasspath());
    assertEquals(TaskMachineLoader.RESOURCE, TaskMachineLoader.fromClasspath().source(),
        "errors still name the YAML");
  }

  @Test
  void aPackedFormOfAnotherYamlIsNotUsed() throws Exception {
    byte[] yaml = Files.readAllBytes(YAML);
    String packed = PackedMachine.write(TaskMachineLoader.fromFile(YAML), yaml);
    byte[] edited = (new String(yaml, StandardCharsets.UTF_8) + "\n# edited\n")
        .getBytes(StandardCharsets.UTF_8);
    assertNull(PackedMachine.readIfMadeFrom("task.yaml", packed, edited));
  }

  @Test
  void textWithTabsNewlinesAndBackslashesSurvives() throws Exception {
    byte[] yaml = Files.readAllBytes(YAML);
    String packed = PackedMachine.write(TaskMachineLoader.fromFile(YAML), yaml)
        .replace("\tdone: no container left\n", "\tdone:\\tno\\ncontainer \\\\ left\n");
    MachineDefinition d = PackedMachine.readIfMadeFrom("task.yaml", packed, yaml);
    assertEquals("done:\tno\ncontainer \\ left", d.states().get("removed").doc());
  }

  @Test
  void aDamagedLineNamesItsNumber() throws Exception {
    byte[] yaml = Files.readAllBytes(YAML);
    String packed = PackedMachine.write(TaskMachineLoader.fromFile(YAML), yaml)
        .replaceFirst("\nevent\t", "\nevent\tstray\t");
    InvalidMachineDefinition e = assertThrows(InvalidMachineDefinition.class,
        () -> PackedMachine.readIfMadeFrom("task.yaml", packed, yaml));
    assertTrue(e.getMessage().startsWith("task.yaml (packed): line "), e.getMessage());
    assertTrue(e.getMessage().contains("3 fields expected, found 4"), e.getMessage());
  }

  private static void assertSame(MachineDefinition expected, MachineDefinition actual) {
    assertEquals(expected.initial(), actual.initial());
    assertEquals(List.copyOf(expected.states().entrySet()),
        List.copyOf(actual.states().entrySet()));
    assertEquals(List.copyOf(expected.events().entrySet()),
        List.copyOf(actual.events().entrySet()));
    assertEquals(List.copyOf(expected.effects().entrySet()),
        List.copyOf(actual.effects().entrySet()));
    assertEquals(List.copyOf(expected.guards().entrySet()),
        List.copyOf(actual.guards().entrySet()));
    assertEquals(expected.transitions(), actual.transitions());
  }
}
