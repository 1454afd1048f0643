package io.warren.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The JSON-lines form of journal records: one object per line, {@code {"type":..,"v":1,...fields}}.
 * Used by {@code warren journal export/import}, by fixtures in {@code journal/fixtures/} and by
 * {@code --json} output. Field names are the record components' names.
 */
public final class RecordJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final Map<String, Class<? extends JournalRecord>> TYPES = Map.of(
      "NodeIdentity", NodeIdentity.class,
      "TaskAssigned", TaskAssigned.class,
      "Transition", Transition.class,
      "EffectIntent", EffectIntent.class,
      "EffectOutcome", EffectOutcome.class,
      "Reap", Reap.class,
      "ManagerAck", ManagerAck.class,
      "Checkpoint", Checkpoint.class);

  private RecordJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One line of JSON, without the newline. */
  public static String toLine(JournalRecord record) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", record.type());
    node.put("v", JournalRecord.FORMAT_VERSION);
    node.setAll((ObjectNode) MAPPER.valueToTree(record));
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + record.type(), e);
    }
  }

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException naming the problem: bad JSON, unknown type, future version
   */
  public static JournalRecord fromLine(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String type = node.path("type").asText("");
    Class<? extends JournalRecord> cls = TYPES.get(type);
    if (cls == null) {
      throw new IllegalArgumentException("unknown record type '" + type + "'");
    }
    int v = node.path("v").asInt(JournalRecord.FORMAT_VERSION);
    if (v > JournalRecord.FORMAT_VERSION) {
      throw new IllegalArgumentException("record type " + type + " has version " + v
          + "; this warren reads versions up to " + JournalRecord.FORMAT_VERSION);
    }
    try {
      return MAPPER.treeToValue(node, cls);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad " + type + " record: " + e.getOriginalMessage());
    }
  }
}
