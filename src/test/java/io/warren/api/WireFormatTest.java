package io.warren.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.warren.api.v1.ContainerStatus;
import io.warren.api.v1.HeartbeatRequest;
import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.NodeResources;
import io.warren.api.v1.RegisterNodeRequest;
import io.warren.api.v1.ReportContainerHealthRequest;
import io.warren.api.v1.RequestCertificateRequest;
import io.warren.api.v1.UpdateContainerStatusRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes the worker sends, decoded by hand (not with protobuf) and checked against the field
 * numbers and wire types in shared/facts/warren-api.md §1.3. A renumbered or retyped field in
 * warren.proto fails here.
 */
class WireFormatTest {

  /** One decoded field: number, wire type (0 varint, 2 length-delimited), and its value. */
  record Field(int number, int wireType, long varint, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    List<Field> nested() {
      return decode(bytes);
    }
  }

  static List<Field> decode(byte[] in) {
    List<Field> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < in.length) {
      long tag = varint(in, pos);
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      switch (wireType) {
        case 0 -> out.add(new Field(number, 0, varint(in, pos), null));
        case 2 -> {
          int len = (int) varint(in, pos);
          byte[] b = new byte[len];
          System.arraycopy(in, pos[0], b, 0, len);
          pos[0] += len;
          out.add(new Field(number, 2, 0, b));
        }
        default -> throw new AssertionError("unexpected wire type " + wireType + " for field " + number);
      }
    }
    return out;
  }

  static long varint(byte[] in, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in[pos[0]++];
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }

  static Field only(List<Field> fields, int number) {
    List<Field> f = fields.stream().filter(x -> x.number() == number).toList();
    assertEquals(1, f.size(), "exactly one field #" + number + " in " + fields);
    return f.get(0);
  }

  static void assertNumbers(List<Field> fields, Integer... numbers) {
    assertEquals(List.of(numbers), fields.stream().map(Field::number).distinct().sorted().toList());
  }

  @Test
  void registerNodeRequest() {
    byte[] wire = RegisterNodeRequest.newBuilder().setId("w1").setRole("worker").setAddress("10.1.2.3")
        .setResources(NodeResources.newBuilder().setCpuCores(4).setMemoryBytes(8L << 30).setDiskBytes(100L << 30))
        .putLabels("zone", "a").build().toByteArray();
    List<Field> f = decode(wire);
    assertNumbers(f, 1, 2, 3, 4, 5);
    assertEquals("w1", only(f, 1).text());
    assertEquals("worker", only(f, 2).text());
    assertEquals("10.1.2.3", only(f, 3).text());
    List<Field> res = only(f, 4).nested();
    assertEquals(4, only(res, 1).varint(), "cpu_cores=1:int64");
    assertEquals(8L << 30, only(res, 2).varint(), "memory_bytes=2:int64");
    assertEquals(100L << 30, only(res, 3).varint(), "disk_bytes=3:int64");
    List<Field> entry = only(f, 5).nested(); // map entry: key=1, value=2
    assertEquals("zone", only(entry, 1).text());
    assertEquals("a", only(entry, 2).text());
  }

  @Test
  void heartbeatRequestWithContainerStatus() {
    byte[] wire = HeartbeatRequest.newBuilder().setNodeId("w1")
        .addContainerStatuses(ContainerStatus.newBuilder().setContainerId("c1").setActualState("failed")
            .setRuntimeContainerId("c1-a1").setError("exit 3"))
        .addContainerStatuses(ContainerStatus.newBuilder().setContainerId("c2").setActualState("running"))
        .build().toByteArray();
    List<Field> f = decode(wire);
    assertNumbers(f, 1, 3); // available_resources (2) is never sent: Warren overwrites capacity with it
    assertEquals("w1", only(f, 1).text());
    List<Field> statuses = f.stream().filter(x -> x.number() == 3).toList();
    assertEquals(2, statuses.size());
    List<Field> s = statuses.get(0).nested();
    assertNumbers(s, 1, 2, 3, 4);
    assertEquals("c1", only(s, 1).text());
    assertEquals("failed", only(s, 2).text());
    assertEquals("c1-a1", only(s, 3).text());
    assertEquals("exit 3", only(s, 4).text());
  }

  @Test
  void listContainersRequest() {
    List<Field> f = decode(ListContainersRequest.newBuilder().setNodeId("w1").build().toByteArray());
    assertNumbers(f, 2);
    assertEquals(2, only(f, 2).wireType());
    assertEquals("w1", only(f, 2).text());
    List<Field> both = decode(ListContainersRequest.newBuilder().setServiceId("s").setNodeId("n")
        .build().toByteArray());
    assertEquals("s", only(both, 1).text());
  }

  @Test
  void updateContainerStatusRequest() {
    List<Field> f = decode(UpdateContainerStatusRequest.newBuilder().setContainerId("c1").setNodeId("w1")
        .setActualState("complete").setRuntimeContainerId("c1-a1").setError("oops").build().toByteArray());
    assertNumbers(f, 1, 2, 3, 4, 5);
    assertEquals("c1", only(f, 1).text());
    assertEquals("w1", only(f, 2).text());
    assertEquals("complete", only(f, 3).text());
    assertEquals("c1-a1", only(f, 4).text());
    assertEquals("oops", only(f, 5).text());
  }

  @Test
  void requestCertificateRequest() {
    List<Field> f = decode(RequestCertificateRequest.newBuilder().setNodeId("w1").setToken("abc")
        .build().toByteArray());
    assertNumbers(f, 1, 2);
    assertEquals("w1", only(f, 1).text());
    assertEquals("abc", only(f, 2).text());
  }

  @Test
  void reportContainerHealthRequest() {
    List<Field> f = decode(ReportContainerHealthRequest.newBuilder().setContainerId("c1").setHealthy(true)
        .setMessage("ok").setCheckedAt(Timestamp.newBuilder().setSeconds(1700000000).setNanos(5))
        .setConsecutiveFailures(2).setConsecutiveSuccesses(9).build().toByteArray());
    assertNumbers(f, 1, 2, 3, 4, 5, 6);
    assertEquals("c1", only(f, 1).text());
    assertEquals(0, only(f, 2).wireType());
    assertEquals(1, only(f, 2).varint(), "healthy=2:bool");
    assertEquals("ok", only(f, 3).text());
    List<Field> ts = only(f, 4).nested(); // google.protobuf.Timestamp: seconds=1, nanos=2
    assertEquals(1700000000L, only(ts, 1).varint());
    assertEquals(5, only(ts, 2).varint());
    assertEquals(2, only(f, 5).varint());
    assertEquals(9, only(f, 6).varint());
  }

  @Test
  void requestCertificateResponseAsTheWorkerReadsIt() {
    byte[] wire = io.warren.api.v1.RequestCertificateResponse.newBuilder()
        .setCertificate(ByteString.copyFromUtf8("C")).setPrivateKey(ByteString.copyFromUtf8("K"))
        .setCaCert(ByteString.copyFromUtf8("A")).build().toByteArray();
    List<Field> f = decode(wire);
    assertEquals("C", only(f, 1).text());
    assertEquals("K", only(f, 2).text());
    assertEquals("A", only(f, 3).text());
  }

  @Test
  void servicePathIsWarrensOwn() {
    assertEquals("warren.v1.WarrenAPI/RegisterNode",
        io.warren.api.v1.WarrenAPIGrpc.getRegisterNodeMethod().getFullMethodName());
    assertEquals("warren.v1.WarrenAPI/ListContainers",
        io.warren.api.v1.WarrenAPIGrpc.getListContainersMethod().getFullMethodName());
  }
}
