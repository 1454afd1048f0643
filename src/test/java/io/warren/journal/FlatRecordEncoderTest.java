package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.WireType;
import org.junit.jupiter.api.Test;

/**
 * The append fast path must write exactly the bytes Chronicle's wire writes (the format is
 * Chronicle's BINARY_LIGHT, FORMAT.md §2), and must be taken for ordinary records.
 */
class FlatRecordEncoderTest {

  private final RecordCodec codec = new RecordCodec();

  @Test
  void integersAtEveryEncodingBoundaryGiveChroniclesBytes() {
    for (long l : FlatRecordDecoderTest.LONGS) {
      for (int i : FlatRecordDecoderTest.INTS) {
        assertSameBytesViaFastPath(new EffectIntent(l, "t", i, l, "pull", "c"));
      }
    }
  }

  @Test
  void textAroundTheShortAndStopBitLimitsGivesChroniclesBytes() {
    for (int len : new int[] {0, 1, 30, 31, 32, 33, 127, 128, 129, 16_383, 16_384, 70_000}) {
      String s = "a".repeat(len);
      assertSameBytesViaFastPath(new Transition(1, s, 1, "NEW", "PULLING", s, ""));
      assertSameBytesViaFastPath(new EffectOutcome(2, "t", 1, 3, "stop", s,
          EffectOutcome.Result.ALREADY_DONE, s, Map.of(s, s, "exitCode", "137")));
    }
    assertSameBytesViaFastPath(new Reap(3, "c", "t", "orphan", true));
    assertSameBytesViaFastPath(new Reap(3, "c", "t", "orphan", false));
    assertSameBytesViaFastPath(new NodeIdentity(4, "node-1", "127.0.0.1:4242", "warren"));
    assertSameBytesViaFastPath(new ManagerAck(5, "t", "running", ""));
    assertSameBytesViaFastPath(new EffectOutcome(6, "t", 1, 1, "create", "c",
        EffectOutcome.Result.OK, "", Map.of()));
  }

  @Test
  void whatTheFastPathLeavesAloneIsWrittenByChronicle() {
    List<JournalRecord> others = List.of(
        new Transition(1, "tâche-é", 1, "NEW", "PULLING", "assign", "raison: 日本 😀"),
        new Transition(4, null, 1, null, "RUNNING", null, null),
        new EffectOutcome(3, "t", 1, 1, "pull", "c", EffectOutcome.Result.OK, "",
            Map.of("clé", "välue")));
    for (JournalRecord r : others) {
      assertEquals(-1, new FlatRecordEncoder().encode(r, 0, JournalRecord.FORMAT_VERSION),
          r.toString());
      assertArrayEquals(general(r), written(r));
    }
    for (JournalRecord r : TestRecords.oneOfEach()) {
      if (r instanceof TaskAssigned || r instanceof Checkpoint) {
        assertEquals(-1, new FlatRecordEncoder().encode(r, 0, JournalRecord.FORMAT_VERSION));
        assertArrayEquals(general(r), written(r), r.type());
      }
    }
  }

  /** Seeded random records: the same bytes both ways; every all-ASCII one takes the fast path. */
  @Test
  void randomRecordsGiveChroniclesBytes() {
    Random rnd = new Random(20261127);
    int fastTaken = 0;
    for (int n = 0; n < 5_000; n++) {
      boolean ascii = rnd.nextInt(4) != 0;
      JournalRecord r = FlatRecordDecoderTest.randomRecord(rnd, ascii);
      boolean fast = new FlatRecordEncoder().encode(r, 0, JournalRecord.FORMAT_VERSION) >= 0;
      assertTrue(fast || !ascii, "fast path for record " + n + ": " + r);
      assertArrayEquals(general(r), written(r), "record " + n + ": " + r);
      fastTaken += fast ? 1 : 0;
    }
    assertTrue(fastTaken > 3_000, "fast path taken " + fastTaken + " times");
  }

  private void assertSameBytesViaFastPath(JournalRecord r) {
    assertTrue(new FlatRecordEncoder().encode(r, 0, JournalRecord.FORMAT_VERSION) >= 0,
        "fast path for " + r);
    assertArrayEquals(general(r), written(r), r.toString());
  }

  private byte[] written(JournalRecord r) {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    codec.write(r, WireType.BINARY_LIGHT.apply(bytes));
    return bytes.toByteArray();
  }

  private byte[] general(JournalRecord r) {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    codec.writeGeneral(r, WireType.BINARY_LIGHT.apply(bytes), JournalRecord.FORMAT_VERSION);
    return bytes.toByteArray();
  }
}
