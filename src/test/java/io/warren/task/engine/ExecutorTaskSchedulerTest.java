package io.warren.task.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTaskSchedulerTest {
  @Test
  void eachLaneRunsItsWorkInOrderOneAtATimeAndIdleLanesClose() {
    try (ExecutorTaskScheduler s = new ExecutorTaskScheduler(Clock.systemUTC())) {
      int lanes = 8;
      int perLane = 2_000;
      List<List<Integer>> seen = new ArrayList<>();
      AtomicInteger[] inside = new AtomicInteger[lanes];
      AtomicInteger overlaps = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      for (int l = 0; l < lanes; l++) {
        seen.add(new ArrayList<>());
        inside[l] = new AtomicInteger();
      }
      for (int i = 0; i < perLane; i++) {
        for (int l = 0; l < lanes; l++) {
          int lane = l;
          int n = i;
          s.execute("lane" + l, () -> {
            if (inside[lane].incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            seen.get(lane).add(n);
            inside[lane].decrementAndGet();
            done.incrementAndGet();
          });
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> done.get() == lanes * perLane);
      assertEquals(0, overlaps.get());
      for (List<Integer> l : seen) {
        for (int i = 0; i < perLane; i++) {
          assertEquals(i, l.get(i));
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> s.openLanes() == 0);
      AtomicInteger timer = new AtomicInteger();
      s.schedule("late", Duration.ofMillis(50), timer::incrementAndGet);
      TaskScheduler.Cancellable c = s.schedule("late", Duration.ofMillis(50), timer::incrementAndGet);
      c.cancel();
      await().atMost(Duration.ofSeconds(5)).until(() -> timer.get() == 1);
      assertTrue(s.nowMillis() > 0);
    }
  }
}
