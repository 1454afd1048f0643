package io.warren.replay;

import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Journal records as JSON lines ({@link RecordJson}): the fixture and export format. */
public final class JsonlRecords {
  private JsonlRecords() {}

  /**
   * Reads every record; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the file, the line and the problem
   */
  public static List<JournalRecord> read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static List<JournalRecord> read(String name, Reader in) throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<JournalRecord> out = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(RecordJson.fromLine(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ":" + n + ": " + e.getMessage());
      }
    }
    return out;
  }

  public static void write(Iterable<? extends JournalRecord> records, Writer out)
      throws IOException {
    for (JournalRecord rec : records) {
      out.write(RecordJson.toLine(rec));
      out.write('\n');
    }
  }
}
