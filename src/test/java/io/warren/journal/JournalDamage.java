package io.warren.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Damage a stopped writer's journal the way crashes and disks do, for tests outside this package
 * (the worker's): where each record's bytes are, a torn last record, junk in a record in the
 * middle, lost cycle files.
 */
public final class JournalDamage {
  private JournalDamage() {}

  /** Where one record's bytes are in its cycle file (mapped positions are file offsets). */
  public record Span(Path file, long index, String type, long start, long end) {}

  /** Every retained record's span, in order. */
  public static List<Span> spans(Path dataDir) {
    Path dir = JournalQueues.journalDir(dataDir);
    List<Span> out = new ArrayList<>();
    try (SingleChronicleQueue q = JournalQueues.reader(dir); ExcerptTailer t = q.createTailer()) {
      while (true) {
        try (DocumentContext dc = t.readingDocument()) {
          if (!dc.isPresent()) {
            return out;
          }
          long index = dc.index();
          long start = dc.wire().bytes().readPosition();
          long end = dc.wire().bytes().readLimit();
          String type = RecordCodec.peekType(dc.wire());
          out.add(new Span(JournalIndex.cycleFile(dir, JournalIndex.cycle(index)), index, type,
              start, end));
        }
      }
    }
  }

  /** Cuts the file of the last record in the middle of that record, as a crash mid-write does. */
  public static Span tearLastRecord(Path dataDir) {
    List<Span> all = spans(dataDir);
    Span last = all.get(all.size() - 1);
    try (FileChannel ch = FileChannel.open(last.file(), StandardOpenOption.WRITE)) {
      ch.truncate(last.start() + (last.end() - last.start()) / 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return last;
  }

  /** Overwrites bytes inside the first record matching {@code which}: its checksum no longer holds. */
  public static Span corrupt(Path dataDir, Predicate<Span> which) {
    Span s = spans(dataDir).stream().filter(which).findFirst()
        .orElseThrow(() -> new IllegalStateException("no such record in " + dataDir));
    long at = s.start() + (s.end() - s.start()) / 2;
    try (FileChannel ch = FileChannel.open(s.file(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}), at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  /** Deletes every cycle file before generation {@code keepFrom}; returns what it deleted. */
  public static List<Path> deleteCyclesBefore(Path dataDir, int keepFrom) {
    Path dir = JournalQueues.journalDir(dataDir);
    List<Path> gone = new ArrayList<>();
    try (var files = Files.newDirectoryStream(dir, "*" + JournalIndex.SUFFIX)) {
      for (Path f : files) {
        int c = JournalIndex.cycleOf(f);
        if (c >= 0 && c < keepFrom) {
          Files.delete(f);
          gone.add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gone;
  }
}
