package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v1 golden fixtures in {@code journal/fixtures/}: each parses, survives a round trip through
 * a real journal byte for byte (JSON lines in = JSON lines out), and verifies clean.
 */
class FixtureTest {

  @TempDir Path dataDir;

  static Path fixtures() {
    return Path.of(System.getProperty("warren.projectDir", "."), "journal", "fixtures");
  }

  @Test
  void everyV1FixtureRoundTripsThroughAJournalAndVerifies() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(fixtures())) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
    assertFalse(files.isEmpty(), "no fixtures in " + fixtures());
    for (Path f : files) {
      Path dir = dataDir.resolve(f.getFileName().toString());
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).collect(Collectors.toList());
      List<JournalRecord> records = new ArrayList<>();
      lines.forEach(l -> records.add(RecordJson.fromLine(l)));
      try (ChronicleJournal j = ChronicleJournal.builder(dir).sync(SyncMode.NONE).open()) {
        records.forEach(j::append);
      }
      try (JournalInspector in = JournalInspector.open(dir)) {
        StringWriter out = new StringWriter();
        assertEquals(lines.size(), in.exportJsonl(out), f.toString());
        // Compared as JSON trees: records hold maps, whose key order is not part of the format.
        List<String> exported = out.toString().lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size(); i++) {
          assertEquals(RecordJson.mapper().readTree(lines.get(i)),
              RecordJson.mapper().readTree(exported.get(i)), f + " line " + (i + 1) + " round trip");
        }
        List<Finding> problems = in.verify(TransitionRules.ANY).stream()
            .filter(Finding::problem).collect(Collectors.toList());
        assertTrue(problems.isEmpty(), f + ": " + problems);
      }
    }
  }
}
