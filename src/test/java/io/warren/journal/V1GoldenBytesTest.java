package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes written by the v1 writer before the replay fast path existed
 * ({@code journal/fixtures/v1-record-bodies.hex}) still read as the same records, on the fast
 * path where it applies, and the writer still writes exactly those bytes.
 */
class V1GoldenBytesTest {

  @TempDir Path dataDir;

  private static List<byte[]> goldenBodies() throws IOException {
    Path f = FixtureTest.fixtures().resolve("v1-record-bodies.hex");
    return Files.readAllLines(f, StandardCharsets.US_ASCII).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> HexFormat.of().parseHex(l.substring(l.indexOf(' ') + 1)))
        .collect(Collectors.toList());
  }

  @Test
  void goldenBodiesDecodeToTheRecordsTheyWereWrittenFrom() throws Exception {
    List<byte[]> bodies = goldenBodies();
    List<JournalRecord> expected = TestRecords.oneOfEach();
    assertEquals(expected.size(), bodies.size());
    RecordCodec codec = new RecordCodec();
    for (int i = 0; i < bodies.size(); i++) {
      JournalRecord want = expected.get(i);
      byte[] body = bodies.get(i);
      Wire wire = WireType.BINARY_LIGHT.apply(Bytes.wrapForRead(body));
      assertEquals(want, codec.read(wire), "line " + (i + 1));
      JournalRecord fast = new FlatRecordDecoder().decode(body, FlatWire.CRC_PREFIX,
          body.length);
      assertEquals(want, fast, "fast path, line " + (i + 1));
    }
  }

  @Test
  void goldenBodiesInARealJournalReplayAsTheRecords() throws Exception {
    Path dir = JournalQueues.journalDir(dataDir);
    Files.createDirectories(dir);
    try (SingleChronicleQueue q = JournalQueues.writer(dir, new GenerationClock(1), SyncMode.NONE);
        ExcerptAppender a = q.createAppender()) {
      for (byte[] body : goldenBodies()) {
        try (DocumentContext dc = a.writingDocument()) {
          dc.wire().bytes().write(body);
        }
      }
    }
    try (JournalReader r = JournalReader.open(dataDir); Stream<JournalEntry> s = r.readAll()) {
      assertEquals(TestRecords.oneOfEach(),
          s.map(JournalEntry::record).collect(Collectors.toList()));
      assertTrue(r.tornTails().isEmpty());
    }
    try (JournalReader r = JournalReader.open(dataDir);
        Stream<JournalEntry> s = r.readFromLastCheckpoint()) {
      List<JournalEntry> fromCheckpoint = s.collect(Collectors.toList());
      assertEquals(1, fromCheckpoint.size());
      assertTrue(fromCheckpoint.get(0).record() instanceof Checkpoint);
    }
  }

  /**
   * The writer is frozen at v1: it re-encodes each golden record to the same bytes. Records
   * holding a map of two or more entries are compared as records only: {@code Map.of} iterates
   * in a per-JVM order, and map order is not part of the format.
   */
  @Test
  void theWriterStillWritesTheGoldenBytes() throws Exception {
    List<byte[]> bodies = goldenBodies();
    List<JournalRecord> records = TestRecords.oneOfEach();
    RecordCodec codec = new RecordCodec();
    int compared = 0;
    for (int i = 0; i < records.size(); i++) {
      JournalRecord r = records.get(i);
      if (hasMultiEntryMap(r)) {
        continue;
      }
      Bytes<?> out = Bytes.allocateElasticOnHeap(256);
      codec.write(r, WireType.BINARY_LIGHT.apply(out));
      assertArrayEquals(bodies.get(i), out.toByteArray(), r.type() + " at line " + (i + 1));
      compared++;
    }
    assertTrue(compared >= 7, "compared " + compared);
  }

  private static boolean hasMultiEntryMap(JournalRecord r) {
    if (r instanceof EffectOutcome o) {
      return o.details().size() > 1;
    }
    if (r instanceof TaskAssigned a) {
      return a.spec().env().size() > 1;
    }
    if (r instanceof Checkpoint c) {
      return c.tasks().stream().anyMatch(t -> t.vars().size() > 1
          || (t.spec() != null && t.spec().env().size() > 1));
    }
    return false;
  }
}
