package io.warren.bench;

import io.warren.task.engine.TaskMachine;
import io.warren.task.engine.TransitionSink;
import io.warren.task.machine.TaskVars;
import io.warren.testing.EngineHarness;

public final class QuickCost {
  public static void main(String[] args) {
    var f = EngineHarness.machines();
    for (int round = 0; round < 6; round++) {
      var tmx = java.lang.management.ManagementFactory.getThreadMXBean();
      long t0 = tmx.getCurrentThreadCpuTime();
      TaskMachine[] ms = new TaskMachine[2000];
      for (int i = 0; i < ms.length; i++) {
        ms[i] = f.create("t" + i, new TaskVars(), "assigned", TransitionSink.NONE);
      }
      long t1 = tmx.getCurrentThreadCpuTime();
      for (TaskMachine m : ms) {
        m.fire("run", 1, "");
        m.fire("prepared", 1, "");
        m.fire("pulled", 1, "");
        m.fire("created", 1, "");
        m.fire("started", 1, "");
      }
      long t2 = tmx.getCurrentThreadCpuTime();
      System.out.printf("build %.1f us/machine, fire %.1f us/event%n", (t1 - t0) / 1e3 / ms.length,
          (t2 - t1) / 1e3 / ms.length / 5);
    }
  }
}
