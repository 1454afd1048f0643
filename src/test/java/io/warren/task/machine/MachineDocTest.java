package io.warren.task.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.task.load.TaskMachineLoader;
import io.warren.testing.FixtureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/state-machines.md is generated from task.yaml; this fails when it is out of date. */
class MachineDocTest {
  @Test
  void docMatchesTheYaml() throws Exception {
    MachineDefinition d =
        TaskMachineLoader.fromFile(FixtureFiles.projectDir().resolve("statemachines/task.yaml"));
    String expected = MachineDoc.render(d);
    Path doc = FixtureFiles.projectDir().resolve("docs/state-machines.md");
    if (Boolean.getBoolean("warren.writeDocs")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, expected);
    }
    assertEquals(expected, Files.exists(doc) ? Files.readString(doc) : "",
        "docs/state-machines.md is out of date: run "
            + "mvn -q test -Dtest=MachineDocTest -Dwarren.writeDocs=true");
  }
}
