package io.warren.worker;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.warren.statemachine.SpringTaskMachineFactory;
import io.warren.task.load.TaskMachineLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The preload ends with the task machine's factory, on which the worker's start waits. */
class WorkerPreloadTest {
  @Test
  void thePreloadBuildsTheFactoryOfTheConfiguredTaskMachine() throws Exception {
    SpringTaskMachineFactory factory = WorkerPreload.begin().machines().get(60, TimeUnit.SECONDS);
    assertSame(TaskMachineLoader.taskMachine(), factory.definition());
  }
}
