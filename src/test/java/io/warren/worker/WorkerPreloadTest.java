package io.warren.worker;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.statemachine.SpringTaskMachineFactory;
import io.warren.task.load.TaskMachineLoader;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The preload ends with the task machine's factory, on which the worker's start waits. */
class WorkerPreloadTest {
  @Test
  void thePreloadBuildsTheFactoryOfTheConfiguredTaskMachine() throws Exception {
    WorkerPreload preload = WorkerPreload.begin();
    SpringTaskMachineFactory factory = preload.machines().get(60, TimeUnit.SECONDS);
    assertSame(TaskMachineLoader.taskMachine(), factory.definition());

    // The recovery-figures line's timeline: the journal's part came before the machine's, and
    // both are JVM uptimes, not "not yet" (-1).
    Matcher m = Pattern.compile("preloadJournalAtMs=(-?\\d+) preloadMachinesAtMs=(-?\\d+) "
        + "preloadContainerdAtMs=(-?\\d+)").matcher(preload.timeline());
    assertTrue(m.matches(), preload.timeline());
    long journal = Long.parseLong(m.group(1));
    long machines = Long.parseLong(m.group(2));
    assertTrue(journal >= 0 && machines >= journal, preload.timeline());
  }
}
