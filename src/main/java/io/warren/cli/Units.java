package io.warren.cli;

import java.math.BigDecimal;
import java.util.Locale;

/** Parsing of human sizes, CPU counts and durations, with errors naming the option. */
public final class Units {
  private Units() {}

  /** {@code 64m}, {@code 1g}, {@code 512k}, {@code 1048576}, also {@code 64Mi}/{@code 64MB}. */
  public static long bytes(String option, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    v = v.endsWith("ib") ? v.substring(0, v.length() - 2) : v.endsWith("b") ? v.substring(0, v.length() - 1) : v;
    v = v.endsWith("i") ? v.substring(0, v.length() - 1) : v;
    long mult = 1;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> mult = 1L << 10;
        case 'm' -> mult = 1L << 20;
        case 'g' -> mult = 1L << 30;
        case 't' -> mult = 1L << 40;
        default -> mult = 1;
      }
    }
    String num = mult == 1 ? v : v.substring(0, v.length() - 1);
    try {
      BigDecimal n = new BigDecimal(num);
      if (n.signum() < 0) {
        throw new UserError(option + ": '" + value + "' must not be negative");
      }
      return n.multiply(BigDecimal.valueOf(mult)).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UserError(option + ": '" + value + "' is not a size (e.g. 64m, 1g)");
    }
  }

  /** CPU cores as Warren's shares: cores x 1024. */
  public static long cpuShares(String option, String value) {
    try {
      BigDecimal n = new BigDecimal(value.trim());
      if (n.signum() < 0) {
        throw new UserError(option + ": '" + value + "' must not be negative");
      }
      return n.multiply(BigDecimal.valueOf(1024)).longValue();
    } catch (NumberFormatException e) {
      throw new UserError(option + ": '" + value + "' is not a number of CPUs (e.g. 0.5)");
    }
  }

  /** {@code 10}, {@code 10s}, {@code 2m} → seconds. */
  public static int seconds(String option, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    int mult = 1;
    if (v.endsWith("m")) {
      mult = 60;
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new UserError(option + ": '" + value + "' must not be negative");
      }
      return Math.multiplyExact(n, mult);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UserError(option + ": '" + value + "' is not a duration (e.g. 10s, 2m)");
    }
  }
}
