package io.warren.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The reader library behind {@code warren journal}: a fluent, read-only view of one data
 * directory's journal that works while the daemon writes. The CLI verbs are thin shells over it.
 *
 * <pre>{@code
 * try (JournalInspector j = JournalInspector.open(dataDir)) {
 *   j.tasks();                 // every task's current view
 *   j.task("t1");              // one task, with its timeline
 *   j.at(instantMillis);       // every task as it was then
 *   j.verify(rules);           // findings
 * }
 * }</pre>
 */
public final class JournalInspector implements AutoCloseable {

  private final JournalReader reader;

  private JournalInspector(JournalReader reader) {
    this.reader = reader;
  }

  public static JournalInspector open(Path dataDir) {
    return new JournalInspector(JournalReader.open(dataDir));
  }

  public JournalReader reader() {
    return reader;
  }

  /** Every task as of the newest record. */
  public TaskViews fold() {
    TaskViews views = new TaskViews();
    try (Stream<JournalEntry> all = reader.readAll()) {
      all.forEach(views::apply);
    }
    return views;
  }

  public List<TaskView> tasks() {
    return fold().views();
  }

  public Optional<TaskView> task(String taskId) {
    return fold().view(taskId);
  }

  /** Every task as it was at {@code timeMillis}: the fold of the records written up to then. */
  public TaskViews at(long timeMillis) {
    TaskViews views = new TaskViews();
    try (Stream<JournalEntry> all = reader.readAll()) {
      all.takeWhile(e -> e.record().timeMillis() <= timeMillis).forEach(views::apply);
    }
    return views;
  }

  public List<Finding> verify(TransitionRules rules) {
    return new JournalVerifier(rules).verify(reader);
  }

  /** Visits every retained record, oldest first. */
  public void forEach(Consumer<JournalEntry> visitor) {
    try (Stream<JournalEntry> all = reader.readAll()) {
      all.forEach(visitor);
    }
  }

  /** Writes every retained record as JSON lines; returns how many. */
  public long exportJsonl(Writer out) {
    long[] n = {0};
    forEach(e -> {
      try {
        out.write(RecordJson.toLine(e.record()));
        out.write('\n');
        n[0]++;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    });
    return n[0];
  }

  public JournalStats stats() {
    Map<String, Long> counts = new TreeMap<>();
    long[] acc = {0, -1, -1, 0, 0, -1, 0}; // records, firstIdx, lastIdx, firstT, lastT, cpIdx, cpT
    forEach(e -> {
      JournalRecord r = e.record();
      counts.merge(r.type(), 1L, Long::sum);
      if (acc[0]++ == 0) {
        acc[1] = e.index();
        acc[3] = r.timeMillis();
      }
      acc[2] = e.index();
      acc[4] = Math.max(acc[4], r.timeMillis());
      if (r instanceof Checkpoint) {
        acc[5] = e.index();
        acc[6] = r.timeMillis();
      }
    });
    long apparent = 0;
    long allocated = 0;
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(reader.journalDir())) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        names.add(f.getFileName().toString());
        apparent += Files.size(f);
        allocated += FileBlocks.allocatedBytes(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reader.journalDir(), e);
    }
    return new JournalStats(acc[0], counts, apparent, allocated, names, acc[1], acc[2], acc[3],
        acc[4], acc[5], acc[6], reader.tornTails());
  }

  @Override
  public void close() {
    reader.close();
  }
}
