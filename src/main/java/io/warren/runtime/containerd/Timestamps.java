package io.warren.runtime.containerd;

import com.google.protobuf.Timestamp;

/** containerd's Go structs never send null timestamps: the Go zero time means "none" (facts §1). */
final class Timestamps {
  static final long GO_ZERO_SECONDS = -62135596800L;

  private Timestamps() {}

  /** Epoch millis, or 0 when unset / Go zero time. */
  static long millis(Timestamp ts) {
    if (ts == null || ts.getSeconds() <= GO_ZERO_SECONDS || (ts.getSeconds() == 0 && ts.getNanos() == 0)) {
      return 0;
    }
    return ts.getSeconds() * 1000 + ts.getNanos() / 1_000_000;
  }
}
