package io.warren.journal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How journal indexes and files are laid out. The journal uses Chronicle's {@code FAST_DAILY} roll
 * cycle with a {@link GenerationClock}: cycle number = journal generation, so cycle {@code g}
 * lives in the file named after day {@code g} since 1970-01-01 (generation 1 is
 * {@code 19700102F.cq4}). An index packs (cycle, sequence within the cycle).
 */
public final class JournalIndex {

  static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
  static final String SUFFIX = "F.cq4";
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");

  private JournalIndex() {}

  public static int cycle(long index) {
    return ROLL_CYCLE.toCycle(index);
  }

  public static long sequence(long index) {
    return ROLL_CYCLE.toSequenceNumber(index);
  }

  public static long index(int cycle, long sequence) {
    return ROLL_CYCLE.toIndex(cycle, sequence);
  }

  /** "generation 3, record 17". */
  public static String describe(long index) {
    return "generation " + cycle(index) + ", record " + sequence(index);
  }

  /** The file that holds {@code cycle} inside the journal directory. */
  public static Path cycleFile(Path journalDir, int cycle) {
    return journalDir.resolve(LocalDate.ofEpochDay(cycle).format(NAME) + SUFFIX);
  }

  /** The cycle a journal file name stands for, or -1 if the name is not a cycle file. */
  static int cycleOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX) || name.length() != 8 + SUFFIX.length()) {
      return -1;
    }
    try {
      return Math.toIntExact(LocalDate.parse(name.substring(0, 8), NAME).toEpochDay());
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
