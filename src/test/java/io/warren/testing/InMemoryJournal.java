package io.warren.testing;

import io.warren.journal.JournalException;
import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A behavioural in-memory journal: keeps records in order, can be told to fail appends, and models
 * durability: {@link #afterCrash()} keeps only records up to the last {@link #flush()} when
 * auto-flush is off (an OS crash loses unflushed records).
 */
public final class InMemoryJournal implements JournalWriter {
  private final List<JournalRecord> records = new ArrayList<>();
  private Predicate<JournalRecord> failWhen = r -> false;
  private String failMessage = "";
  private boolean autoFlush = true;
  private int flushed;

  @Override
  public long append(JournalRecord record) {
    if (failWhen.test(record)) {
      throw new JournalException(failMessage);
    }
    records.add(record);
    if (autoFlush) {
      flushed = records.size();
    }
    return records.size() - 1;
  }

  /** From now on, appends of matching records throw {@link JournalException} with this message. */
  public InMemoryJournal failWhen(Predicate<JournalRecord> which, String message) {
    this.failWhen = which;
    this.failMessage = message;
    return this;
  }

  public InMemoryJournal autoFlush(boolean on) {
    this.autoFlush = on;
    return this;
  }

  public void flush() {
    flushed = records.size();
  }

  public List<JournalRecord> records() {
    return List.copyOf(records);
  }

  public int size() {
    return records.size();
  }

  /** What a reader finds after an OS crash: the flushed prefix. */
  public List<JournalRecord> afterCrash() {
    return List.copyOf(records.subList(0, flushed));
  }
}
