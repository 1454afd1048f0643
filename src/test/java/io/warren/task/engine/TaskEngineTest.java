package io.warren.task.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.testing.EngineHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskEngineTest {
  @Test
  void startsAndStops() {
    EngineHarness h = new EngineHarness();
    h.assign(EngineHarness.spec("web1")).runUntilIdle();
    System.out.println(h.journalText());
    assertEquals("running", h.state("web1"));
    h.engine.setDesired("web1", io.warren.task.DesiredState.SHUTDOWN);
    h.runUntilIdle();
    System.out.println(h.journalText());
    assertEquals("removed", h.state("web1"));
  }
}
