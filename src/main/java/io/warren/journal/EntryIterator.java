package io.warren.journal;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads typed, verified entries from a Chronicle tailer. The integrity rule lives here: a record
 * that fails its checksum is a <em>torn tail</em> when no whole record follows it in the same
 * cycle file (reported to {@code onTorn}, then left out), and <em>corruption</em> otherwise
 * ({@link JournalCorruptException} naming the file and index). A record of an unknown version
 * stops the read ({@link UnsupportedRecordVersionException}).
 *
 * <p>{@link #hasNext()} returning false means "nothing more written yet": a tailing caller may ask
 * again later.
 */
final class EntryIterator implements Iterator<JournalEntry> {

  private final ExcerptTailer tailer;
  private final Path journalDir;
  private final Consumer<TornTail> onTorn;
  private final RecordCodec codec = new RecordCodec();
  private JournalEntry next;
  private long damagedIndex = -1;
  private String damage;

  EntryIterator(ExcerptTailer tailer, Path journalDir, Consumer<TornTail> onTorn) {
    this.tailer = tailer;
    this.journalDir = journalDir;
    this.onTorn = onTorn;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public JournalEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    JournalEntry e = next;
    next = null;
    return e;
  }

  private JournalEntry advance() {
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          settleDamage(-1);
          return null;
        }
        long index = dc.index();
        settleDamage(index);
        try {
          return new JournalEntry(index, codec.read(dc.wire()));
        } catch (DamagedRecordException e) {
          damagedIndex = index;
          damage = e.getMessage();
        } catch (UnsupportedRecordVersionException e) {
          throw e.at(file(index), index);
        }
      }
    }
  }

  /**
   * A damaged record is judged by what follows it: a whole record in the same cycle means
   * corruption; end of data or a later cycle means a torn tail.
   */
  private void settleDamage(long followingIndex) {
    if (damagedIndex < 0) {
      return;
    }
    long at = damagedIndex;
    String why = damage;
    damagedIndex = -1;
    damage = null;
    if (followingIndex >= 0 && JournalIndex.cycle(followingIndex) == JournalIndex.cycle(at)) {
      throw new JournalCorruptException(file(at), at, why + "; whole records follow it (next at "
          + followingIndex + ")");
    }
    onTorn.accept(new TornTail(file(at), at, why));
  }

  private Path file(long index) {
    return JournalIndex.cycleFile(journalDir, JournalIndex.cycle(index));
  }
}
