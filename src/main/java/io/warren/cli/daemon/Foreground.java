package io.warren.cli.daemon;

import io.warren.worker.Worker;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a daemon in the foreground until SIGTERM/SIGINT (a clean stop: the JVM runs the shutdown
 * hook and exits with 128 + the signal, 143 for SIGTERM; systemd units say
 * {@code SuccessExitStatus=143}) or a worker's fail-stop (exit 1, so a supervisor restarts the
 * worker and it replays its journal).
 */
final class Foreground {
  private Foreground() {}

  /** Runs until stopped; {@code daemon} is null when no worker runs here (warren manager). */
  static int run(Worker daemon, AutoCloseable alsoClose) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      closeQuietly(daemon, alsoClose);
      stopped.countDown();
    }, "warren-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (daemon != null) {
      watchFailStop(daemon);
    }
    stopped.await();
    return 0;
  }

  private static void watchFailStop(Worker daemon) {
    Thread failStop = new Thread(() -> {
      try {
        String why = daemon.awaitFailStop();
        System.err.println("warren: fail-stop: " + why + "; exiting so that a restart replays the journal");
        System.exit(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "warren-fail-stop");
    failStop.setDaemon(true);
    failStop.start();
  }

  private static void closeQuietly(Worker daemon, AutoCloseable alsoClose) {
    try {
      if (daemon != null) {
        daemon.close();
      }
    } finally {
      if (alsoClose != null) {
        try {
          alsoClose.close();
        } catch (Exception e) {
          System.err.println("warren: error while stopping: " + e.getMessage());
        }
      }
    }
  }
}
