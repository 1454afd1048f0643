package io.warren.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/** Where fixtures live and how they are written: one record per line, map keys sorted. */
public final class FixtureFiles {
  private FixtureFiles() {}

  /** The project directory (surefire sets warren.projectDir; else the working directory). */
  public static Path projectDir() {
    return Path.of(System.getProperty("warren.projectDir", "."));
  }

  public static Path fixtureDir() {
    return projectDir().resolve("journal/fixtures");
  }

  public static Path fixture(String name) {
    return fixtureDir().resolve(name + ".jsonl");
  }

  public static void write(Path file, List<JournalRecord> records) {
    StringBuilder sb = new StringBuilder();
    for (JournalRecord r : records) {
      sb.append(canonicalLine(r)).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link RecordJson#toLine} with the entries of maps (details, env, vars) in key order. */
  public static String canonicalLine(JournalRecord r) {
    try {
      JsonNode node = RecordJson.mapper().readTree(RecordJson.toLine(r));
      sortMaps(node, 0);
      return RecordJson.mapper().writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sortMaps(JsonNode node, int depth) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        JsonNode child = o.get(n);
        if (child instanceof ObjectNode c && List.of("details", "env", "vars", "labels").contains(n)) {
          TreeMap<String, JsonNode> sorted = new TreeMap<>();
          for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            sorted.put(k, c.get(k));
          }
          c.removeAll();
          sorted.forEach(c::set);
        }
        sortMaps(child, depth + 1);
      }
    } else if (node != null && node.isArray()) {
      node.forEach(n -> sortMaps(n, depth + 1));
    }
  }
}
