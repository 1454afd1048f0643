package io.warren.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.warren.journal.JournalRecord;
import io.warren.journal.Reap;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerRuntime.Applied;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reaper on a scripted runtime: every reap journaled with its reason before anything is
 * touched, bounded by a deadline per container so one that hangs cannot hold recovery up, and
 * nothing touched in dry-run mode.
 */
class ReaperTest {
  private static final String HUNG = "hung-a1";

  private final CountDownLatch released = new CountDownLatch(1);
  /** Runtime calls and journal appends, in the order they happened. */
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final ContainerRuntime runtime = (ContainerRuntime) Proxy.newProxyInstance(
      getClass().getClassLoader(), new Class<?>[] {ContainerRuntime.class}, (proxy, m, args) -> {
        String id = (String) args[0];
        events.add(m.getName() + " " + id);
        if (m.getName().equals("stop") && id.equals(HUNG)) {
          released.await(); // a shim that never answers; the reaper's cancel interrupts this
        }
        return Applied.done(null);
      });
  private final List<JournalRecord> journaled = Collections.synchronizedList(new ArrayList<>());

  private Reaper reaper() {
    return new Reaper(runtime, record -> {
      journaled.add(record);
      events.add("journal " + ((Reap) record).containerId());
      return journaled.size();
    }, Clock.systemUTC(), 2, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private static List<Resolution.Reap> reaps(String... ids) {
    List<Resolution.Reap> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new Resolution.Reap(id, id.substring(0, id.indexOf("-a")),
          "not owned by any journaled task"));
    }
    return out;
  }

  @AfterEach
  void release() {
    released.countDown();
  }

  @Test
  void aHungContainerIsLeftForTheNextRecoveryWithoutHoldingUpTheOthers() {
    List<Reaper.Outcome> outcomes = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> reaper().reap(reaps("a-a1", HUNG, "c-a1", "d-a1"), false),
        "the reap waited for the hung container");

    assertEquals(List.of("a-a1 removed", "hung-a1 timed out after 1000 ms; left for the next "
            + "recovery", "c-a1 removed", "d-a1 removed"),
        outcomes.stream().map(o -> o.containerId() + " "
            + (o.removed() ? "removed" : o.error())).toList());
    for (String id : List.of("a-a1", "c-a1", "d-a1")) {
      assertEquals(List.of("stop " + id, "remove " + id),
          events.stream().filter(e -> e.endsWith(" " + id) && !e.startsWith("journal")).toList());
    }
    assertEquals(List.of("stop " + HUNG), events.stream()
        .filter(e -> e.endsWith(" " + HUNG) && !e.startsWith("journal")).toList(),
        "the hung container is never removed while its stop has not returned");
  }

  @Test
  void everyReapIsJournaledWithItsReasonBeforeAnyContainerIsTouched() {
    released.countDown();
    reaper().reap(reaps("a-a1", "b-a1"), false);
    assertEquals(List.of("journal a-a1", "journal b-a1"), events.subList(0, 2));
    Reap first = (Reap) journaled.get(0);
    assertEquals("a", first.taskId());
    assertEquals("not owned by any journaled task", first.reason());
    assertFalse(first.dryRun());
  }

  @Test
  void aDryRunJournalsAndReportsButTouchesNothing() {
    List<Reaper.Outcome> outcomes = reaper().reap(reaps("a-a1", HUNG), true);
    assertEquals(List.of("journal a-a1", "journal " + HUNG), events);
    assertEquals(List.of(true, true), journaled.stream().map(r -> ((Reap) r).dryRun()).toList());
    assertEquals(List.of("dry run", "dry run"), outcomes.stream().map(Reaper.Outcome::error)
        .toList());
  }
}
