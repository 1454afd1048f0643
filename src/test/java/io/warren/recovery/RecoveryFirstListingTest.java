package io.warren.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.RuntimeFailure;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The worker lists containerd beside the journal's scan (after the data dir's lock) and hands
 * that listing to recovery: the first run must reconcile against it without listing again, and
 * anything else (a retry, a listing that failed) must list afresh.
 */
class RecoveryFirstListingTest {

  private final AtomicInteger lists = new AtomicInteger();
  private final ContainerRuntime runtime = (ContainerRuntime) Proxy.newProxyInstance(
      getClass().getClassLoader(), new Class<?>[] {ContainerRuntime.class}, (proxy, m, args) -> {
        if (m.getName().equals("listOwned")) {
          lists.incrementAndGet();
          return List.of();
        }
        throw new UnsupportedOperationException(m.getName());
      });
  private final RecoveryTarget noTasks = new RecoveryTarget() {
    @Override
    public List<JournaledTask> journaledTasks() {
      return List.of();
    }

    @Override
    public void apply(Resolution resolution) {
      throw new AssertionError("nothing to resolve: " + resolution);
    }
  };

  private Recovery recovery() {
    Reaper reaper = new Reaper(runtime, record -> 0, Clock.systemUTC(), 1, Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    return new Recovery(noTasks, runtime, reaper, false, System::nanoTime);
  }

  @Test
  void theFirstRunUsesTheGivenListingAndARetryListsAfresh() throws Exception {
    Recovery r = recovery().firstListing(CompletableFuture.completedFuture(
        List.<ObservedContainer>of()));
    assertEquals(0, r.run().tasks());
    assertEquals(0, lists.get(), "reconcile listed again although a listing was given");
    r.run();
    assertEquals(1, lists.get(), "a second run must not reuse the first listing");
  }

  @Test
  void aListingThatFailedIsTakenAgainByReconcile() throws Exception {
    Recovery r = recovery().firstListing(CompletableFuture.failedFuture(
        RuntimeFailure.temporary("containerd restarting", null)));
    r.run();
    assertEquals(1, lists.get());
  }

  @Test
  void aListingThatFailedOtherwiseFailsRecovery() {
    IllegalStateException bug = new IllegalStateException("bug");
    Recovery r = recovery().firstListing(CompletableFuture.failedFuture(bug));
    assertSame(bug, assertThrows(IllegalStateException.class, r::run));
    assertEquals(0, lists.get());
  }
}
