package io.warren.journal;

import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A writer process for crash tests; the test kills it with SIGKILL.
 *
 * <ul>
 *   <li>{@code loop DIR}: appends Transitions numbered 0, 1, 2... (in {@code attempt}) forever.
 *   <li>{@code hold DIR}: opens the journal and holds it until killed.
 *   <li>{@code torn DIR}: appends 10 records, then dies holding a half-written document.
 * </ul>
 */
public final class ChildWriter {
  private ChildWriter() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dataDir = Path.of(args[1]);
    ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open();
    switch (mode) {
      case "loop" -> {
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
          j.append(seq(i));
        }
      }
      case "hold" -> {
        System.out.println("READY");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // held open until the test kills us
      }
      case "torn" -> {
        for (int i = 0; i < 10; i++) {
          j.append(seq(i));
        }
        // a second, raw appender on the same queue: start a document and never finish it
        SingleChronicleQueue q = JournalQueues.writer(JournalQueues.journalDir(dataDir),
            new GenerationClock(j.openReport().generation()), SyncMode.NONE);
        ExcerptAppender raw = q.createAppender();
        DocumentContext dc = raw.writingDocument();
        dc.wire().write("crc").fixedInt32(0);
        dc.wire().write("type").text("Transition");
        System.out.println("READY");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // held open until the test kills us
      }
      default -> throw new IllegalArgumentException("mode " + mode);
    }
  }

  static Transition seq(int i) {
    return new Transition(1_700_000_000_000L + i, "task-" + (i % 7), i, "RUNNING", "RUNNING",
        "probe", "");
  }
}
