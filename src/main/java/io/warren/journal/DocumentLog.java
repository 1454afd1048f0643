package io.warren.journal;

import java.nio.file.Path;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;

/**
 * An append-only log of JSON documents on a Chronicle queue of its own: the embedded manager's
 * event store. Kept in this package so Chronicle stays confined to {@code io.warren.journal}.
 * One writer per directory; appends survive the death of the process (mmap page cache).
 */
public final class DocumentLog implements AutoCloseable {
  private static final String FIELD = "doc";

  static {
    ChroniclePosix.install(); // before Chronicle's core initialises, see there
  }

  private final ChronicleQueue queue;
  private final ExcerptAppender appender;

  private DocumentLog(Path dir) {
    this.queue = ChronicleQueue.singleBuilder(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
    this.appender = queue.createAppender();
    // appends come from any gRPC thread; append() is synchronized, so one at a time
    this.appender.singleThreadedCheckDisabled(true);
  }

  public static DocumentLog open(Path dir) {
    try {
      return new DocumentLog(dir);
    } catch (RuntimeException e) {
      throw new JournalException("cannot open document log in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Appends one document. */
  public synchronized void append(String json) {
    try {
      appender.writeDocument(w -> w.write(FIELD).text(json));
    } catch (RuntimeException e) {
      throw new JournalException("cannot append to document log: " + e.getMessage(), e);
    }
  }

  /** Feeds every document, oldest first, to {@code consumer}; returns how many. */
  public long replay(Consumer<String> consumer) {
    long n = 0;
    try (ExcerptTailer tailer = queue.createTailer()) {
      String[] holder = new String[1];
      while (tailer.readDocument(w -> holder[0] = w.read(FIELD).text())) {
        if (holder[0] != null) {
          consumer.accept(holder[0]);
          n++;
        }
        holder[0] = null;
      }
    }
    return n;
  }

  @Override
  public synchronized void close() {
    appender.close();
    queue.close();
  }
}
