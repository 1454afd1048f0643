package io.warren.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Typed, verified, streaming reads of a data directory's journal; works while another process
 * (the daemon) writes, and never writes itself (the queue is opened read-only).
 *
 * <pre>{@code
 * try (JournalReader r = JournalReader.open(dataDir)) {
 *   r.readFromLastCheckpoint().forEach(e -> fold(e.record()));
 *   r.tornTails();   // what the read cut, to report
 * }
 * }</pre>
 *
 * <p>Streams are lazy and end at the last record written so far; a damaged record in the middle
 * throws {@link JournalCorruptException}, an unknown version {@link
 * UnsupportedRecordVersionException}. Torn tails are collected in {@link #tornTails()}.
 */
public final class JournalReader implements AutoCloseable {

  private final Path journalDir;
  private final SingleChronicleQueue queue;
  private final List<TornTail> tornTails = Collections.synchronizedList(new ArrayList<>());

  private JournalReader(Path journalDir, SingleChronicleQueue queue) {
    this.journalDir = journalDir;
    this.queue = queue;
  }

  /**
   * Opens the journal of {@code dataDir} for reading.
   *
   * @throws JournalException if there is no journal there
   */
  public static JournalReader open(Path dataDir) {
    Path dir = JournalQueues.journalDir(dataDir);
    if (!exists(dataDir)) {
      throw new JournalException("no journal in data directory " + dataDir + " (expected " + dir
          + "/metadata.cq4t)");
    }
    return new JournalReader(dir, JournalQueues.reader(dir));
  }

  /** Whether {@code dataDir} holds a journal (what {@link #open} needs), without opening it. */
  public static boolean exists(Path dataDir) {
    Path dir = JournalQueues.journalDir(dataDir);
    return Files.isDirectory(dir) && Files.exists(dir.resolve("metadata.cq4t"));
  }

  public Path journalDir() {
    return journalDir;
  }

  /** Every record from the oldest retained one. */
  public Stream<JournalEntry> readAll() {
    return stream(tailerAtStart());
  }

  /** Records from {@code index} (inclusive) on. */
  public Stream<JournalEntry> readFrom(long index) {
    ExcerptTailer t = queue.createTailer();
    if (!t.moveToIndex(index)) {
      t.close();
      throw new JournalException("index " + index + " (" + JournalIndex.describe(index)
          + ") is not in the journal " + journalDir);
    }
    return stream(t);
  }

  /** The last Checkpoint and everything after it; everything if there is no checkpoint. */
  public Stream<JournalEntry> readFromLastCheckpoint() {
    OptionalLong at = lastCheckpointIndex();
    return at.isPresent() ? readFrom(at.getAsLong()) : readAll();
  }

  /**
   * Index of the newest Checkpoint record. Cycles are searched newest first and only record types
   * are read, so the cost is one generation's worth of headers.
   */
  public OptionalLong lastCheckpointIndex() {
    int first = queue.firstCycle();
    int last = queue.lastCycle();
    if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
      return OptionalLong.empty();
    }
    RecordCodec codec = new RecordCodec();
    try (ExcerptTailer t = queue.createTailer()) {
      for (int c = last; c >= first; c--) {
        if (!t.moveToCycle(c)) {
          continue;
        }
        long found = -1;
        while (true) {
          try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent() || JournalIndex.cycle(dc.index()) != c) {
              break;
            }
            if (codec.isCheckpoint(dc.wire())) {
              found = dc.index();
            }
          }
        }
        if (found >= 0) {
          return OptionalLong.of(found);
        }
      }
    }
    return OptionalLong.empty();
  }

  /**
   * A tailer positioned at the end (or at the start, for {@code fromStart}) that returns records
   * as they are written.
   */
  public JournalTailer tail(boolean fromStart) {
    ExcerptTailer t = fromStart ? tailerAtStart() : queue.createTailer().toEnd();
    return new JournalTailer(new EntryIterator(t, journalDir, tornTails::add), t);
  }

  /** Torn tails the reads so far have cut. */
  public List<TornTail> tornTails() {
    synchronized (tornTails) {
      return List.copyOf(tornTails);
    }
  }

  /** Index of the last record written, or -1 if the journal is empty. */
  public long lastIndex() {
    long last = queue.lastIndex();
    return last < 0 || last == Long.MIN_VALUE ? -1 : last;
  }

  /** Retained cycle files, oldest first. */
  public List<Path> files() {
    List<Path> out = new ArrayList<>();
    int first = queue.firstCycle();
    int last = queue.lastCycle();
    if (first == Integer.MAX_VALUE) {
      return out;
    }
    for (int c = first; c <= last; c++) {
      Path p = JournalIndex.cycleFile(journalDir, c);
      if (Files.exists(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private ExcerptTailer tailerAtStart() {
    return queue.createTailer().direction(TailerDirection.FORWARD).toStart();
  }

  private Stream<JournalEntry> stream(ExcerptTailer t) {
    Iterator<JournalEntry> it = new EntryIterator(t, journalDir, tornTails::add);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(t::close);
  }

  @Override
  public void close() {
    queue.close();
  }
}
