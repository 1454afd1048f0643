package io.warren.embedded;

import java.util.function.Consumer;

/** Where the embedded manager's desired-state events are kept. */
public interface ManagerLog extends AutoCloseable {

  /** Appends one event; when this returns it survives the death of the process. */
  void append(ManagerEvent event);

  /** Feeds every event, oldest first. */
  void replay(Consumer<ManagerEvent> consumer);

  @Override
  void close();
}
