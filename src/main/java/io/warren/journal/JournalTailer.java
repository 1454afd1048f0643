package io.warren.journal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.queue.ExcerptTailer;

/** Follows a journal as it is written ({@code warren journal tail -f}). Single-threaded. */
public final class JournalTailer implements AutoCloseable {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final EntryIterator entries;
  private final ExcerptTailer tailer;

  JournalTailer(EntryIterator entries, ExcerptTailer tailer) {
    this.entries = entries;
    this.tailer = tailer;
  }

  /** The next record if one has been written, without waiting. */
  public Optional<JournalEntry> poll() {
    return entries.hasNext() ? Optional.of(entries.next()) : Optional.empty();
  }

  /** Waits up to {@code timeout} for the next record. */
  public Optional<JournalEntry> next(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<JournalEntry> e = poll();
      if (e.isPresent() || System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
        return e;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  @Override
  public void close() {
    tailer.close();
  }
}
