package io.warren.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.journal.DocumentLog;
import io.warren.journal.JournalException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@link ManagerLog} over the project's journal library: one JSON document per event in a
 * Chronicle queue at {@code <dataDir>/manager-log/}.
 */
public final class ChronicleManagerLog implements ManagerLog {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final DocumentLog log;

  public ChronicleManagerLog(Path dir) {
    this.log = DocumentLog.open(dir);
  }

  static String encode(ManagerEvent e) {
    try {
      return JSON.writerFor(ManagerEvent.class).writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode " + e.getClass().getSimpleName(), ex);
    }
  }

  static ManagerEvent decode(String json) {
    try {
      return JSON.readValue(json, ManagerEvent.class);
    } catch (JsonProcessingException ex) {
      throw new JournalException("unreadable manager event: " + ex.getOriginalMessage(), ex);
    }
  }

  @Override
  public void append(ManagerEvent event) {
    log.append(encode(event));
  }

  @Override
  public void replay(Consumer<ManagerEvent> consumer) {
    log.replay(json -> consumer.accept(decode(json)));
  }

  @Override
  public void close() {
    log.close();
  }
}
