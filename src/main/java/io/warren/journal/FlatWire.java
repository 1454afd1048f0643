package io.warren.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the flat-record fast paths ({@link FlatRecordDecoder}, {@link FlatRecordEncoder}) know of
 * Chronicle's BINARY_LIGHT encoding (FORMAT.md §2.1): the value codes the v1 writer uses for
 * flat records, and the field headers, precomputed as bytes.
 */
final class FlatWire {

  // Chronicle BinaryWireCode values (the subset the v1 writer uses)
  static final int UINT8 = 0xA1;
  static final int UINT16 = 0xA2;
  static final int UINT32 = 0xA3;
  static final int INT8 = 0xA4;
  static final int INT16 = 0xA5;
  static final int INT32 = 0xA6;
  static final int INT64 = 0xA7;
  static final int FLOAT32 = 0x90;
  static final int BYTES_LENGTH32 = 0x82;
  static final int FALSE = 0xB0;
  static final int TRUE = 0xB1;
  static final int STRING_ANY = 0xB8;
  static final int NULL = 0xBB;
  static final int FIELD_NAME0 = 0xC0;
  static final int STRING_0 = 0xE0;
  /** The longest text (in bytes) written as {@code STRING_0 + length}. */
  static final int SHORT_TEXT_MAX = 0x1F;

  /** {@code crc} field header and the fixed int32 code: the first 5 bytes of every v1 body. */
  static final byte[] CRC_HEADER = withValueCode(encodedField(RecordCodec.CRC), INT32);
  /** Bytes of the crc header plus its 4-byte value. */
  static final int CRC_PREFIX = CRC_HEADER.length + 4;

  static final byte[] TYPE = encodedField(RecordCodec.TYPE);
  static final byte[] VERSION = encodedField(RecordCodec.VERSION);
  static final byte[] TIME = encodedField("timeMillis");
  static final byte[] TASK_ID = encodedField("taskId");
  static final byte[] ATTEMPT = encodedField("attempt");
  static final byte[] FROM = encodedField("from");
  static final byte[] TO = encodedField("to");
  static final byte[] EVENT = encodedField("event");
  static final byte[] REASON = encodedField("reason");
  static final byte[] EFFECT_SEQ = encodedField("effectSeq");
  static final byte[] EFFECT = encodedField("effect");
  static final byte[] CONTAINER_ID = encodedField("containerId");
  static final byte[] RESULT = encodedField("result");
  static final byte[] ERROR = encodedField("error");
  static final byte[] DETAILS = encodedField("details");
  static final byte[] DRY_RUN = encodedField("dryRun");
  static final byte[] ACTUAL_STATE = encodedField("actualState");
  static final byte[] NODE_ID = encodedField("nodeId");
  static final byte[] MANAGER_ADDRESS = encodedField("managerAddress");
  static final byte[] NAMESPACE = encodedField("namespace");

  // nested types (TaskAssigned, Checkpoint): only the decoder reads these
  static final byte[] SPEC = encodedField("spec");
  static final byte[] TASKS = encodedField("tasks");
  static final byte[] STATE = encodedField("state");
  static final byte[] DESIRED_STATE = encodedField("desiredState");
  static final byte[] UPDATED_AT = encodedField("updatedAtMillis");
  static final byte[] HAS_SPEC = encodedField("hasSpec");
  static final byte[] VARS = encodedField("vars");
  static final byte[] LAST_ACK = encodedField("lastAck");
  static final byte[] SERVICE_ID = encodedField("serviceId");
  static final byte[] SERVICE_NAME = encodedField("serviceName");
  static final byte[] IMAGE = encodedField("image");
  static final byte[] COMMAND = encodedField("command");
  static final byte[] ENV = encodedField("env");
  static final byte[] RESOURCES = encodedField("resources");
  static final byte[] CPU_SHARES = encodedField("cpuShares");
  static final byte[] MEMORY_BYTES = encodedField("memoryBytes");
  static final byte[] MEMORY_RESERVATION = encodedField("memoryReservationBytes");
  static final byte[] RESTART_POLICY = encodedField("restartPolicy");
  static final byte[] CONDITION = encodedField("condition");
  static final byte[] MAX_ATTEMPTS = encodedField("maxAttempts");
  static final byte[] DELAY_SECONDS = encodedField("delaySeconds");
  static final byte[] HAS_HEALTH_CHECK = encodedField("hasHealthCheck");
  static final byte[] HEALTH_CHECK = encodedField("healthCheck");
  static final byte[] HTTP_PATH = encodedField("httpPath");
  static final byte[] HTTP_PORT = encodedField("httpPort");
  static final byte[] HTTP_SCHEME = encodedField("httpScheme");
  static final byte[] TCP_PORT = encodedField("tcpPort");
  static final byte[] EXEC_COMMAND = encodedField("execCommand");
  static final byte[] INTERVAL_SECONDS = encodedField("intervalSeconds");
  static final byte[] TIMEOUT_SECONDS = encodedField("timeoutSeconds");
  static final byte[] RETRIES = encodedField("retries");
  static final byte[] START_PERIOD_SECONDS = encodedField("startPeriodSeconds");
  static final byte[] VOLUMES = encodedField("volumes");
  static final byte[] SOURCE = encodedField("source");
  static final byte[] TARGET = encodedField("target");
  static final byte[] READ_ONLY = encodedField("readOnly");
  static final byte[] SECRETS = encodedField("secrets");
  static final byte[] STOP_TIMEOUT_SECONDS = encodedField("stopTimeoutSeconds");
  static final byte[] PORTS = encodedField("ports");
  static final byte[] NAME = encodedField("name");
  static final byte[] CONTAINER_PORT = encodedField("containerPort");
  static final byte[] HOST_PORT = encodedField("hostPort");
  static final byte[] PROTOCOL = encodedField("protocol");
  static final byte[] PUBLISH_MODE = encodedField("publishMode");

  private FlatWire() {}

  /** A short field name as Chronicle encodes it: {@code FIELD_NAME0 + length}, then the bytes. */
  static byte[] encodedField(String name) {
    return withCode(FIELD_NAME0, name);
  }

  /** A short ASCII text value: {@code STRING_0 + length}, then the bytes. */
  static byte[] encodedText(String value) {
    return withCode(STRING_0, value);
  }

  private static byte[] withValueCode(byte[] field, int valueCode) {
    byte[] out = Arrays.copyOf(field, field.length + 1);
    out[field.length] = (byte) valueCode;
    return out;
  }

  private static byte[] withCode(int code0, String ascii) {
    byte[] chars = ascii.getBytes(StandardCharsets.US_ASCII);
    if (chars.length > 31) {
      throw new IllegalArgumentException("not a short name: " + ascii);
    }
    byte[] out = new byte[chars.length + 1];
    out[0] = (byte) (code0 + chars.length);
    System.arraycopy(chars, 0, out, 1, chars.length);
    return out;
  }
}
