package io.warren.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link ManagerLog} that keeps events in memory (tests, and managers with no data dir). */
public final class InMemoryManagerLog implements ManagerLog {
  private final List<String> documents = new ArrayList<>();

  @Override
  public synchronized void append(ManagerEvent event) {
    // through the JSON form, so tests exercise the same encoding as the Chronicle log
    documents.add(ChronicleManagerLog.encode(event));
  }

  @Override
  public synchronized void replay(Consumer<ManagerEvent> consumer) {
    for (String d : documents) {
      consumer.accept(ChronicleManagerLog.decode(d));
    }
  }

  @Override
  public void close() {}
}
