package io.warren.testing;

import io.warren.task.engine.TaskScheduler;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Virtual time: work runs on the calling thread, in (time, submission) order, when the test says
 * so. Lanes are trivially serial. The fake runtime advances the clock to model slow calls.
 */
public final class ManualScheduler implements TaskScheduler {
  private static final int MAX_STEPS = 10_000_000;

  private final PriorityQueue<Item> queue = new PriorityQueue<>();
  private long now;
  private long seq;
  private int blockingCalls;

  public ManualScheduler(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public void execute(String lane, Runnable work) {
    queue.add(new Item(now, seq++, work));
  }

  @Override
  public Cancellable schedule(String lane, Duration delay, Runnable work) {
    Item item = new Item(now + delay.toMillis(), seq++, work);
    queue.add(item);
    return () -> item.cancelled = true;
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    blockingCalls++;
    return call.call();
  }

  /** How many calls lane work ran through {@link #blocking}. */
  public int blockingCalls() {
    return blockingCalls;
  }

  /** Time passes while a call is in progress (a slow runtime call). */
  public void advanceClock(Duration d) {
    now += d.toMillis();
  }

  /** Runs the next piece of work, moving the clock to its time; false if there is none. */
  public boolean runOne() {
    Item item = queue.poll();
    if (item == null) {
      return false;
    }
    now = Math.max(now, item.time);
    if (!item.cancelled) {
      item.work.run();
    }
    return true;
  }

  /** Runs everything, including timers in the future. */
  public void runUntilIdle() {
    for (int i = 0; i < MAX_STEPS; i++) {
      if (!runOne()) {
        return;
      }
    }
    throw new IllegalStateException("no quiescence after " + MAX_STEPS + " steps");
  }

  /** Runs work due now or before, without moving to future timers. */
  public void runDue() {
    while (!queue.isEmpty() && queue.peek().time <= now) {
      runOne();
    }
  }

  /** Runs until the condition holds (checked before each step); false if the work ran out first. */
  public boolean runUntil(BooleanSupplier condition) {
    for (int i = 0; i < MAX_STEPS; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!runOne()) {
        return condition.getAsBoolean();
      }
    }
    throw new IllegalStateException("condition not reached after " + MAX_STEPS + " steps");
  }

  /** Runs work due within {@code d}, then sets the clock to now + d. */
  public void runFor(Duration d) {
    long until = now + d.toMillis();
    while (!queue.isEmpty() && queue.peek().time <= until) {
      runOne();
    }
    now = Math.max(now, until);
  }

  /** Drops all queued work: the worker died. */
  public void discardAll() {
    queue.clear();
  }

  public boolean idle() {
    return queue.isEmpty();
  }

  private static final class Item implements Comparable<Item> {
    final long time;
    final long seq;
    final Runnable work;
    boolean cancelled;

    Item(long time, long seq, Runnable work) {
      this.time = time;
      this.seq = seq;
      this.work = work;
    }

    @Override
    public int compareTo(Item o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
