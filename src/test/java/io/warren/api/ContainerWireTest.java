package io.warren.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedOutputStream;
import io.warren.api.v1.Container;
import io.warren.api.v1.HealthCheck;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the worker receives: a Container encoded field by field with the numbers from
 * shared/facts/warren-api.md §1.3 (not from our generated code) must parse into the right fields.
 */
class ContainerWireTest {

  interface Writer {
    void write(CodedOutputStream out) throws Exception;
  }

  static byte[] encode(Writer w) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  @Test
  void containerAsWarrensManagerSendsIt() throws Exception {
    byte[] resources = encode(o -> {
      o.writeInt64(1, 512);        // cpu_shares
      o.writeInt64(2, 64L << 20);  // memory_bytes
      o.writeInt64(3, 32L << 20);  // memory_reservation_bytes
    });
    byte[] restart = encode(o -> {
      o.writeString(1, "on-failure");
      o.writeInt32(2, 3);
      o.writeInt32(3, 5);
    });
    byte[] volume = encode(o -> {
      o.writeString(1, "data");
      o.writeString(2, "/data");
      o.writeBool(3, true);
    });
    byte[] exec = encode(o -> o.writeString(1, "pg_isready"));
    byte[] health = encode(o -> {
      o.writeEnum(1, 2);            // type EXEC
      o.writeByteArray(4, exec);    // exec
      o.writeInt32(5, 30);
      o.writeInt32(6, 10);
      o.writeInt32(7, 3);
      o.writeInt32(8, 1);
    });
    byte[] envEntry = encode(o -> {
      o.writeString(1, "A");
      o.writeString(2, "1");
    });
    byte[] port = encode(o -> {
      o.writeInt32(2, 80);
      o.writeInt32(3, 8080);
      o.writeString(4, "tcp");
    });
    byte[] wire = encode(o -> {
      o.writeString(1, "task-1");
      o.writeString(2, "svc-1");
      o.writeString(3, "web");
      o.writeString(4, "w1");
      o.writeString(5, "task-1-a1");
      o.writeString(6, "running");
      o.writeString(7, "pending");
      o.writeString(8, "registry.local/web:1");
      o.writeString(9, "sleep");
      o.writeString(9, "60");
      o.writeByteArray(10, envEntry);
      o.writeByteArray(11, resources);
      o.writeByteArray(12, volume);
      o.writeByteArray(13, health);
      o.writeByteArray(14, restart);
      o.writeString(17, "boom");
      o.writeString(18, "db-pass");
      o.writeInt32(19, 7);
      o.writeByteArray(20, port); // our extension
    });
    Container c = Container.parseFrom(wire);
    assertEquals("task-1", c.getId());
    assertEquals("svc-1", c.getServiceId());
    assertEquals("web", c.getServiceName());
    assertEquals("w1", c.getNodeId());
    assertEquals("task-1-a1", c.getRuntimeContainerId());
    assertEquals("running", c.getDesiredState());
    assertEquals("pending", c.getActualState());
    assertEquals("registry.local/web:1", c.getImage());
    assertEquals(List.of("sleep", "60"), c.getCommandList());
    assertEquals("1", c.getEnvOrThrow("A"));
    assertEquals(512, c.getResources().getCpuShares());
    assertEquals(64L << 20, c.getResources().getMemoryBytes());
    assertEquals(32L << 20, c.getResources().getMemoryReservationBytes());
    assertEquals("/data", c.getVolumes(0).getTarget());
    assertEquals(true, c.getVolumes(0).getReadOnly());
    assertEquals(HealthCheck.Type.EXEC, c.getHealthCheck().getType());
    assertEquals(List.of("pg_isready"), c.getHealthCheck().getExec().getCommandList());
    assertEquals(1, c.getHealthCheck().getStartPeriodSeconds());
    assertEquals("on-failure", c.getRestartPolicy().getCondition());
    assertEquals(5, c.getRestartPolicy().getDelaySeconds());
    assertEquals("boom", c.getError());
    assertEquals(List.of("db-pass"), c.getSecretsList());
    assertEquals(7, c.getStopTimeout());
    assertEquals(8080, c.getPorts(0).getHostPort());
    assertEquals(0, c.getUnknownFields().asMap().size(), "every number known");
  }
}
