package io.warren.cli.image;

import io.warren.runtime.ContainerRuntime.PullProgress;
import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn at most every 100 ms and at the end. */
final class ProgressBar implements PullProgress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String label;
  private long lastDraw;
  private boolean drew;

  ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public synchronized void update(long done, long total, int layersDone, int layersTotal) {
    long now = System.nanoTime();
    boolean finished = total > 0 && done >= total && layersDone == layersTotal;
    if (!finished && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    int pct = total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    err.printf("\r%s [%s] %3d%% %s/%s layers %d/%d", label, bar, pct, mb(done), mb(total), layersDone, layersTotal);
    err.flush();
    drew = true;
  }

  void finish() {
    if (drew) {
      err.println();
      err.flush();
    }
  }

  private static String mb(long bytes) {
    return String.format("%.1fMB", bytes / 1e6);
  }
}
