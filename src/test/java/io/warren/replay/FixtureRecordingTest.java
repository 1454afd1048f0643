package io.warren.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.JournalRecord;
import io.warren.testing.EngineHarness;
import io.warren.testing.FixtureFiles;
import io.warren.testing.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records every scenario with the real engine and the fake runtime, and checks that the committed
 * fixture is exactly that recording: when the engine's behaviour changes, this fails until the
 * fixtures are regenerated on purpose:
 * {@code mvn -q test -Dtest=FixtureRecordingTest -Dwarren.recordFixtures=true}.
 */
class FixtureRecordingTest {

  static Stream<String> scenarios() {
    return Scenarios.ALL.keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void fixtureIsTheRecordingOfItsScenario(String name) throws Exception {
    EngineHarness h = Scenarios.ALL.get(name).get();
    List<JournalRecord> recorded = h.records();
    Map<String, String> expected = Scenarios.EXPECTED.get(name);
    expected.forEach((task, state) -> assertEquals(state, h.state(task), name + ": " + task));

    ReplayResult replay = new Replayer(EngineHarness.machines()).replay(recorded);
    assertEquals(List.of(), replay.violations(), name);
    assertEquals(expected, Map.copyOf(replay.states()), name + ": replayed states");

    Path file = FixtureFiles.fixture(name);
    if (Boolean.getBoolean("warren.recordFixtures")) {
      FixtureFiles.write(file, recorded);
    }
    assertTrue(Files.exists(file), file + " missing: regenerate with -Dwarren.recordFixtures=true");
    assertEquals(recorded, JsonlRecords.read(file), name + ".jsonl is not what the engine records "
        + "now; if the change is intended, regenerate with -Dwarren.recordFixtures=true");
  }
}
