package io.warren.journal;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads typed, verified entries from a Chronicle tailer under the journal's integrity rule
 * ({@link DamageRule}): a torn tail is reported to {@code onTorn} and left out, corruption throws
 * {@link JournalCorruptException}. A record of an unknown version stops the read ({@link
 * UnsupportedRecordVersionException}).
 *
 * <p>{@link #hasNext()} returning false means "nothing more written yet": a tailing caller may ask
 * again later.
 */
final class EntryIterator implements Iterator<JournalEntry> {

  private final ExcerptTailer tailer;
  private final DamageRule damage;
  private final RecordCodec codec = new RecordCodec();
  private JournalEntry next;

  EntryIterator(ExcerptTailer tailer, Path journalDir, Consumer<TornTail> onTorn) {
    this.tailer = tailer;
    this.damage = new DamageRule(journalDir, onTorn);
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
          damage.next(-1);
          return null;
        }
        long index = dc.index();
        damage.next(index);
        try {
          return new JournalEntry(index, codec.read(dc.wire()));
        } catch (DamagedRecordException e) {
          damage.damaged(index, e.getMessage());
        } catch (UnsupportedRecordVersionException e) {
          throw e.at(damage.file(index), index);
        }
      }
    }
  }
}
