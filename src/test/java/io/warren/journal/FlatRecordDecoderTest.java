package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;
import org.junit.jupiter.api.Test;

/**
 * The replay fast path must read every record exactly as Chronicle's general wire reader does,
 * and must actually be taken for ordinary records (else replay silently loses its speed).
 */
class FlatRecordDecoderTest {

  private final RecordCodec writer = new RecordCodec();

  /** Values at every boundary of Chronicle's compact integer codes, incl. float-encoded longs. */
  static final long[] LONGS = {0, 1, 127, 128, 255, 256, -1, -128, -129, 32767, 32768,
      65535, 65536, -32768, -32769, Integer.MAX_VALUE, 1L << 31, 0xFFFF_FFFFL, 1L << 32,
      Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, 1_700_000_000_000L, 1L << 40, (1L << 40) - 1,
      1L << 53, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
  static final int[] INTS = {0, 1, 127, 128, 255, 256, -1, -128, -129, 65535, 65536,
      -32769, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 24};

  @Test
  void ordinaryRecordsOfEveryFlatTypeTakeTheFastPathAndReadBackEqual() {
    List<JournalRecord> flat = new ArrayList<>();
    for (JournalRecord r : TestRecords.oneOfEach()) {
      if (!(r instanceof TaskAssigned) && !(r instanceof Checkpoint)) {
        flat.add(r);
      }
    }
    flat.add(new Reap(5, "c", "t", "why", true));
    flat.add(new EffectOutcome(6, "t", 2, 9, "stop", "t-2", EffectOutcome.Result.ALREADY_DONE,
        "x".repeat(300), Map.of("exitCode", "137", "", "empty key", "k", "")));
    for (JournalRecord r : flat) {
      assertEquals(r, fast(r), "fast path for " + r);
      assertEquals(r, general(r));
      assertEquals(r, viaRead(r));
    }
  }

  /** A replay holds each repeated text (task id, state, event) once, not once per record. */
  @Test
  void repeatedTextsDecodeToOneSharedString() {
    FlatRecordDecoder d = new FlatRecordDecoder();
    byte[] a = encode(new Transition(1, "task-7f3a", 1, "RUNNING", "STOPPING", "stop", ""));
    byte[] b = encode(new Transition(2, "task-7f3a", 2, "RUNNING", "STOPPING", "stop", ""));
    Transition ta = (Transition) d.decode(a, FlatWire.CRC_PREFIX, a.length);
    Transition tb = (Transition) d.decode(b, FlatWire.CRC_PREFIX, b.length);
    assertEquals(2, tb.timeMillis());
    assertSame(ta.taskId(), tb.taskId());
    assertSame(ta.from(), tb.from());
    assertSame(ta.event(), tb.event());
    String longText = "x".repeat(TextCache.MAX_LENGTH + 1);
    byte[] c = encode(new ManagerAck(3, "t", "failed", longText));
    assertEquals(longText, ((ManagerAck) d.decode(c, FlatWire.CRC_PREFIX, c.length)).error());
  }

  @Test
  void integersAtEveryEncodingBoundaryDecodeExactly() {
    for (long l : LONGS) {
      for (int i : INTS) {
        JournalRecord r = new EffectIntent(l, "t", i, l, "pull", "c");
        assertEquals(r, fast(r), "time/effectSeq " + l + ", attempt " + i);
        assertEquals(r, general(r));
      }
    }
  }

  @Test
  void textTheFastPathDoesNotDecodeGoesTheGeneralWayWithTheSameResult() {
    List<JournalRecord> records = List.of(
        new Transition(1, "tâche-é", 1, "NEW", "PULLING", "assign", "raison: 日本 😀"),
        new ManagerAck(2, "t", "failed", "\u00ff"),
        new EffectOutcome(3, "t", 1, 1, "pull", "c", EffectOutcome.Result.OK, "",
            Map.of("clé", "välue")));
    for (JournalRecord r : records) {
      assertNull(fast(r), "non-ASCII text is left to Chronicle's UTF-8 rules");
      assertEquals(r, viaRead(r));
      assertEquals(general(r), viaRead(r));
    }
    // null text reads as "" on both paths (v1 rule)
    Transition nulls = new Transition(4, null, 1, null, "RUNNING", null, null);
    Transition empty = new Transition(4, "", 1, "", "RUNNING", "", "");
    assertEquals(empty, fast(nulls));
    assertEquals(empty, general(nulls));
  }

  /** TaskAssigned and Checkpoint (nested objects, sequences, optional parts) too. */
  @Test
  void nestedTypesTakeTheFastPathAndReadBackEqual() {
    List<JournalRecord> nested = new ArrayList<>();
    for (JournalRecord r : TestRecords.oneOfEach()) {
      if (r instanceof TaskAssigned || r instanceof Checkpoint) {
        nested.add(r);
      }
    }
    nested.add(TestRecords.checkpointOf(100, 1_700_000_000_000L));
    nested.add(new Checkpoint(5, "", List.of()));
    for (JournalRecord r : nested) {
      assertEquals(r, fast(r), "fast path for " + r.type());
      assertEquals(r, general(r));
      assertEquals(r, viaRead(r));
    }
    // a nested object whose length does not match what is inside is not decoded
    byte[] body = encode(new TaskAssigned(1, TaskSpec.of("t", "busybox", List.of("sh"))));
    byte[] spec = "spec".getBytes(StandardCharsets.US_ASCII);
    int lengthAt = indexOf(body, spec) + spec.length + 1; // after the 0x82 code
    body[lengthAt]++;
    assertNull(new FlatRecordDecoder().decode(body, FlatWire.CRC_PREFIX, body.length));
  }

  /** Seeded random specs and checkpoints: both paths agree; ASCII ones take the fast path. */
  @Test
  void randomNestedRecordsReadTheSameOnBothPaths() {
    Random rnd = new Random(20261127);
    int fastTaken = 0;
    for (int n = 0; n < 1_000; n++) {
      boolean ascii = rnd.nextInt(4) != 0;
      JournalRecord r;
      if (rnd.nextBoolean()) {
        r = new TaskAssigned(randomLong(rnd), randomSpec(rnd, ascii));
      } else {
        List<Checkpoint.TaskSnapshot> tasks = new ArrayList<>();
        for (int t = rnd.nextInt(4); t > 0; t--) {
          tasks.add(new Checkpoint.TaskSnapshot(str(rnd, ascii), randomInt(rnd), str(rnd, ascii),
              str(rnd, ascii), str(rnd, ascii), randomLong(rnd),
              rnd.nextBoolean() ? randomSpec(rnd, ascii) : null, strMap(rnd, ascii),
              str(rnd, ascii)));
        }
        r = new Checkpoint(randomLong(rnd), str(rnd, ascii), tasks);
      }
      JournalRecord viaFast = fast(r);
      JournalRecord expected = general(r);
      assertEquals(expected, viaRead(r), "record " + n);
      if (viaFast != null) {
        assertEquals(expected, viaFast, "record " + n);
        fastTaken++;
      } else {
        assertFalse(ascii, "an all-ASCII nested record must take the fast path: " + r);
      }
    }
    assertTrue(fastTaken > 600, "fast path taken " + fastTaken + " times");
  }

  private static TaskSpec randomSpec(Random rnd, boolean ascii) {
    RestartPolicy.Condition[] conditions = RestartPolicy.Condition.values();
    TaskSpec.HealthCheck health = rnd.nextBoolean() ? null : new TaskSpec.HealthCheck(
        rnd.nextBoolean() ? "HTTP" : "EXEC", str(rnd, ascii), randomInt(rnd), str(rnd, ascii),
        randomInt(rnd), strList(rnd, ascii), randomInt(rnd), randomInt(rnd), randomInt(rnd),
        randomInt(rnd));
    List<TaskSpec.VolumeMount> volumes = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      volumes.add(new TaskSpec.VolumeMount(str(rnd, ascii), str(rnd, ascii), rnd.nextBoolean()));
    }
    List<TaskSpec.PortMapping> ports = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      ports.add(new TaskSpec.PortMapping(str(rnd, ascii), randomInt(rnd), randomInt(rnd),
          str(rnd, ascii), str(rnd, ascii)));
    }
    return new TaskSpec("t" + str(rnd, ascii), str(rnd, ascii), str(rnd, ascii), str(rnd, ascii),
        strList(rnd, ascii), strMap(rnd, ascii),
        new TaskSpec.Resources(randomLong(rnd), randomLong(rnd), randomLong(rnd)),
        new RestartPolicy(conditions[rnd.nextInt(conditions.length)], rnd.nextInt(100),
            rnd.nextInt(3600)), health, volumes, strList(rnd, ascii), randomInt(rnd), ports);
  }

  private static List<String> strList(Random rnd, boolean ascii) {
    List<String> out = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      out.add(str(rnd, ascii));
    }
    return out;
  }

  private static Map<String, String> strMap(Random rnd, boolean ascii) {
    Map<String, String> out = new HashMap<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      out.put(str(rnd, ascii), str(rnd, ascii));
    }
    return out;
  }

  @Test
  void aFieldNameOtherThanTheSpecifiedOneIsNotReadByPosition() {
    byte[] body = encode(new Transition(1, "t", 1, "NEW", "PULLING", "assign", ""));
    byte[] from = "from".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(body, from);
    body[at] = 'F'; // same length, another name: the body still parses, the name is wrong
    assertNull(new FlatRecordDecoder().decode(body, FlatWire.CRC_PREFIX, body.length));
  }

  @Test
  void leftoverBytesOrATruncatedBodyAreNotDecoded() {
    byte[] body = encode(new ManagerAck(1, "t", "running", ""));
    FlatRecordDecoder d = new FlatRecordDecoder();
    assertNotNull(d.decode(body, FlatWire.CRC_PREFIX, body.length));
    for (int cut = FlatWire.CRC_PREFIX; cut < body.length; cut++) {
      assertNull(d.decode(body, FlatWire.CRC_PREFIX, cut), "cut at " + cut);
    }
    byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
    longer[body.length] = (byte) 0xA1;
    assertNull(d.decode(longer, FlatWire.CRC_PREFIX, longer.length));
  }

  @Test
  void aFutureVersionIsRefusedOnTheFastPathToo() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    Wire wire = WireType.BINARY_LIGHT.apply(bytes);
    writer.writeWithVersion(new Transition(1, "t", 1, "NEW", "PULLING", "assign", ""), wire, 2);
    byte[] body = bytes.toByteArray();
    UnsupportedRecordVersionException e = assertThrows(UnsupportedRecordVersionException.class,
        () -> new FlatRecordDecoder().decode(body, FlatWire.CRC_PREFIX, body.length));
    assertEquals("Transition", e.recordType());
    assertEquals(2, e.version());
    assertThrows(UnsupportedRecordVersionException.class, () -> new RecordCodec().read(wire));
  }

  @Test
  void aFlippedBitIsACrcMismatchNotARecord() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    Wire wire = WireType.BINARY_LIGHT.apply(bytes);
    writer.write(new Transition(1, "t", 1, "NEW", "PULLING", "assign", ""), wire);
    long last = bytes.readLimit() - 1;
    bytes.writeByte(last, (byte) (bytes.readByte(last) ^ 0x01));
    DamagedRecordException e = assertThrows(DamagedRecordException.class,
        () -> new RecordCodec().read(wire));
    assertTrue(e.getMessage().startsWith("CRC mismatch"), e.getMessage());
  }

  @Test
  void isCheckpointRecognisesOnlyCheckpoints() {
    RecordCodec codec = new RecordCodec();
    for (JournalRecord r : TestRecords.oneOfEach()) {
      Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
      Wire wire = WireType.BINARY_LIGHT.apply(bytes);
      writer.write(r, wire);
      long before = bytes.readPosition();
      assertEquals(r instanceof Checkpoint, codec.isCheckpoint(wire), r.type());
      assertEquals(before, bytes.readPosition(), "the peek leaves the document unread");
    }
  }

  /**
   * What the open does with records a checkpoint covers: checksum and header only, the same
   * verdict as a full read (a Checkpoint or not, damaged, a future version), on the fast path for
   * ordinary records and through the general reader for the rest.
   */
  @Test
  void verifyJudgesAsReadDoesWithoutDecodingTheFields() throws Exception {
    List<JournalRecord> records = new ArrayList<>(TestRecords.oneOfEach());
    JournalRecord nonAscii = new Transition(1, "t\u00e9", 1, "NEW", "PULLING", "assign", "");
    records.add(nonAscii);
    for (JournalRecord r : records) {
      byte[] body = encode(r);
      Boolean fast = new FlatRecordDecoder().isCheckpoint(body, FlatWire.CRC_PREFIX, body.length);
      if (r == nonAscii) {
        assertNotNull(fast, "the header is ASCII even when a field is not");
      } else {
        assertEquals(r instanceof Checkpoint, fast, r.type());
      }
      Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
      Wire wire = WireType.BINARY_LIGHT.apply(bytes);
      writer.write(r, wire);
      assertEquals(r instanceof Checkpoint, new RecordCodec().verify(wire), r.type());
    }

    Bytes<?> flipped = Bytes.allocateElasticOnHeap(256);
    Wire flippedWire = WireType.BINARY_LIGHT.apply(flipped);
    writer.write(TestRecords.checkpointOf(2, 7), flippedWire);
    long last = flipped.readLimit() - 1;
    flipped.writeByte(last, (byte) (flipped.readByte(last) ^ 0x01));
    DamagedRecordException damaged = assertThrows(DamagedRecordException.class,
        () -> new RecordCodec().verify(flippedWire));
    assertTrue(damaged.getMessage().startsWith("CRC mismatch"), damaged.getMessage());

    Bytes<?> future = Bytes.allocateElasticOnHeap(256);
    Wire futureWire = WireType.BINARY_LIGHT.apply(future);
    writer.writeWithVersion(TestRecords.checkpointOf(2, 7), futureWire, 2);
    UnsupportedRecordVersionException e = assertThrows(UnsupportedRecordVersionException.class,
        () -> new RecordCodec().verify(futureWire));
    assertEquals("Checkpoint", e.recordType());

    Bytes<?> general = Bytes.allocateElasticOnHeap(256);
    Wire generalWire = WireType.BINARY_LIGHT.apply(general);
    writer.writeGeneral(TestRecords.checkpointOf(2, 7), generalWire, 2);
    assertThrows(UnsupportedRecordVersionException.class,
        () -> new RecordCodec().verify(generalWire));
  }

  /** Seeded random records: both paths agree; the fast path takes every all-ASCII one. */
  @Test
  void randomFlatRecordsReadTheSameOnBothPaths() {
    Random rnd = new Random(20261126);
    int fastTaken = 0;
    for (int n = 0; n < 5_000; n++) {
      boolean ascii = rnd.nextInt(4) != 0;
      JournalRecord r = randomRecord(rnd, ascii);
      JournalRecord viaFast = fast(r);
      JournalRecord expected = general(r);
      assertEquals(expected, viaRead(r), "record " + n + ": " + r);
      if (viaFast != null) {
        assertEquals(expected, viaFast, "record " + n + ": " + r);
        fastTaken++;
      } else {
        assertFalse(ascii, "an all-ASCII flat record must take the fast path: " + r);
      }
    }
    assertTrue(fastTaken > 3_000, "fast path taken " + fastTaken + " times");
  }

  static JournalRecord randomRecord(Random rnd, boolean ascii) {
    long time = randomLong(rnd);
    switch (rnd.nextInt(6)) {
      case 0:
        return new Transition(time, str(rnd, ascii), randomInt(rnd), str(rnd, ascii),
            str(rnd, ascii), str(rnd, ascii), str(rnd, ascii));
      case 1:
        return new EffectIntent(time, str(rnd, ascii), randomInt(rnd), randomLong(rnd),
            str(rnd, ascii), str(rnd, ascii));
      case 2: {
        Map<String, String> details = new HashMap<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          details.put(str(rnd, ascii), str(rnd, ascii));
        }
        EffectOutcome.Result[] results = EffectOutcome.Result.values();
        return new EffectOutcome(time, str(rnd, ascii), randomInt(rnd), randomLong(rnd),
            str(rnd, ascii), str(rnd, ascii), results[rnd.nextInt(results.length)],
            str(rnd, ascii), details);
      }
      case 3:
        return new ManagerAck(time, str(rnd, ascii), str(rnd, ascii), str(rnd, ascii));
      case 4:
        return new Reap(time, str(rnd, ascii), str(rnd, ascii), str(rnd, ascii), rnd.nextBoolean());
      default:
        return new NodeIdentity(time, str(rnd, ascii), str(rnd, ascii), str(rnd, ascii));
    }
  }

  private static long randomLong(Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        return LONGS[rnd.nextInt(LONGS.length)];
      case 1:
        return rnd.nextLong() >> rnd.nextInt(64);
      case 2:
        return (long) (float) (rnd.nextLong() >> rnd.nextInt(64)); // exact as a float
      default:
        return 1_700_000_000_000L + rnd.nextInt(1_000_000_000);
    }
  }

  private static int randomInt(Random rnd) {
    return rnd.nextBoolean() ? INTS[rnd.nextInt(INTS.length)] : rnd.nextInt() >> rnd.nextInt(32);
  }

  /** Lengths around the short-text limit (31) and the 1- and 2-byte stop-bit limits. */
  private static String str(Random rnd, boolean ascii) {
    int[] lengths = {0, 1, 5, 30, 31, 32, 127, 128, 200, 16_400};
    int len = lengths[rnd.nextInt(lengths.length)];
    if (len > 200 && rnd.nextInt(10) != 0) {
      len = 200; // long texts are slow to build; a few suffice
    }
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(ascii ? (char) rnd.nextInt(128) : (char) (0x20 + rnd.nextInt(0x3000)));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- helpers

  private byte[] encode(JournalRecord r) {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    writer.write(r, WireType.BINARY_LIGHT.apply(bytes));
    return bytes.toByteArray();
  }

  private JournalRecord fast(JournalRecord r) {
    byte[] body = encode(r);
    return new FlatRecordDecoder().decode(body, FlatWire.CRC_PREFIX, body.length);
  }

  private JournalRecord general(JournalRecord r) {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    Wire wire = WireType.BINARY_LIGHT.apply(bytes);
    writer.write(r, wire);
    try {
      return new RecordCodec().readGeneral(wire);
    } catch (DamagedRecordException e) {
      throw new AssertionError(e);
    }
  }

  private JournalRecord viaRead(JournalRecord r) {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
    Wire wire = WireType.BINARY_LIGHT.apply(bytes);
    writer.write(r, wire);
    try {
      return new RecordCodec().read(wire);
    } catch (DamagedRecordException e) {
      throw new AssertionError(e);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
