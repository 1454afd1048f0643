package io.warren.recovery;

import java.util.List;

/**
 * What recovery needs from the task engine after the journal has been replayed into it: the
 * journaled view of each task, and a way to hand back what containerd said. Implemented by the
 * engine; recovery never touches machines directly.
 */
public interface RecoveryTarget {

  /** Every non-forgotten task as replay left it. */
  List<JournaledTask> journaledTasks();

  /**
   * Applies one task resolution (intent answered, reattach, exit while down, vanished). Called
   * once per resolution, before the engine starts acting; the engine journals what it learns.
   */
  void apply(Resolution resolution);
}
