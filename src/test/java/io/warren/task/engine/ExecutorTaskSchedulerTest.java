package io.warren.task.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  /** A recovery resuming 100 tasks at once: short work on 100 lanes, run on the pool's few threads. */
  @Test
  void aBurstOfShortWorkOnManyLanesRunsOnAFewThreads() {
    try (ExecutorTaskScheduler s = new ExecutorTaskScheduler(Clock.systemUTC(), 2)) {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      AtomicInteger done = new AtomicInteger();
      for (int l = 0; l < 100; l++) {
        s.execute("task-" + l, () -> {
          threads.add(Thread.currentThread().getName());
          done.incrementAndGet();
        });
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> done.get() == 100);
      assertTrue(threads.size() <= 2, "lane work ran on " + threads);
      assertTrue(threads.stream().allMatch(t -> t.startsWith("warren-task-")), threads.toString());
    }
  }

  /**
   * Lanes blocked in runtime calls (four pulls on a pool two threads wide) leave the other lanes
   * running: the pool adds a thread for each blocked one.
   */
  @Test
  void callsBlockedInBlockingDoNotStallTheOtherLanes() throws Exception {
    try (ExecutorTaskScheduler s = new ExecutorTaskScheduler(Clock.systemUTC(), 2)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch blocked = new CountDownLatch(4);
      AtomicInteger finished = new AtomicInteger();
      for (int l = 0; l < 4; l++) {
        s.execute("pulling-" + l, () -> {
          try {
            s.blocking(() -> {
              blocked.countDown();
              return release.await(60, TimeUnit.SECONDS);
            });
            finished.incrementAndGet();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
      }
      assertTrue(blocked.await(30, TimeUnit.SECONDS), "all four calls blocked at once");
      AtomicInteger other = new AtomicInteger();
      s.execute("other", other::incrementAndGet);
      await().atMost(Duration.ofSeconds(30)).until(() -> other.get() == 1);
      assertEquals(0, finished.get(), "the blocked calls are still blocked");
      assertTrue(s.threads() > 2, "threads stand in for the blocked ones: " + s.threads());
      release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> finished.get() == 4);
    }
  }

  @Test
  void blockingReturnsTheResultOrThrowsTheErrorOnAnyThread() throws Exception {
    try (ExecutorTaskScheduler s = new ExecutorTaskScheduler(Clock.systemUTC(), 2)) {
      assertEquals("here", s.blocking(() -> "here"), "off the pool: just called");
      IOException failure = new IOException("containerd unreachable");
      List<Object> got = new ArrayList<>();
      CountDownLatch ran = new CountDownLatch(1);
      s.execute("lane", () -> {
        try {
          got.add(s.blocking(() -> "on the pool"));
          s.blocking(() -> {
            throw failure;
          });
        } catch (Exception e) {
          got.add(e);
        }
        ran.countDown();
      });
      assertTrue(ran.await(30, TimeUnit.SECONDS));
      assertEquals("on the pool", got.get(0));
      assertSame(failure, got.get(1));
      assertThrows(IOException.class, () -> s.blocking(() -> {
        throw failure;
      }));
      assertFalse(got.isEmpty());
    }
  }
}
