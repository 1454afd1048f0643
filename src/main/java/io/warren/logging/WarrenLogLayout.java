package io.warren.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Formats a log line as {@code %d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %X{task} - %msg%n}
 * would, plus the stack trace of a throwable, without logback's pattern machinery: parsing the
 * pattern and building its converters by reflection cost ~10 ms of logging's set-up on a cold
 * JVM, and that set-up runs first on a worker's preload thread, ahead of everything recovery
 * waits for (docs/benchmarks-recovery.md).
 */
final class WarrenLogLayout extends LayoutBase<ILoggingEvent> {
  /** The longest logger name printed; longer ones get their packages cut to initials. */
  static final int LOGGER_WIDTH = 24;

  private final ZoneRules zone = ZoneId.systemDefault().getRules();
  private final Map<String, String> loggerNames = new ConcurrentHashMap<>();

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder b = new StringBuilder(128);
    time(b, event.getTimeStamp());
    String level = event.getLevel().toString();
    b.append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      b.append(' ');
    }
    b.append(" [").append(event.getThreadName()).append("] ")
        .append(loggerNames.computeIfAbsent(event.getLoggerName(), WarrenLogLayout::abbreviate))
        .append(' ');
    String task = event.getMDCPropertyMap().get("task");
    if (task != null) {
      b.append(task);
    }
    b.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      b.append(ThrowableProxyUtil.asString(thrown)); // ends with a line separator
    }
    return b.toString();
  }

  /** HH:mm:ss.SSS in the JVM's default time zone. */
  private void time(StringBuilder b, long millis) {
    long local = millis + zone.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() * 1000L;
    long ofDay = Math.floorMod(local, 86_400_000L);
    two(b, ofDay / 3_600_000).append(':');
    two(b, ofDay / 60_000 % 60).append(':');
    two(b, ofDay / 1000 % 60).append('.');
    long ms = ofDay % 1000;
    b.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms);
  }

  private static StringBuilder two(StringBuilder b, long v) {
    return b.append(v < 10 ? "0" : "").append(v);
  }

  /**
   * Logback's {@code %logger{24}}: from the left, each package is cut to its initial until the
   * name fits; the class name itself is never cut.
   */
  static String abbreviate(String name) {
    if (name.length() <= LOGGER_WIDTH) {
      return name;
    }
    String[] parts = name.split("\\.");
    int length = name.length();
    StringBuilder b = new StringBuilder(LOGGER_WIDTH);
    for (int i = 0; i < parts.length - 1; i++) {
      String p = parts[i];
      if (length > LOGGER_WIDTH && p.length() > 1) {
        length -= p.length() - 1;
        b.append(p.charAt(0));
      } else {
        b.append(p);
      }
      b.append('.');
    }
    return b.append(parts[parts.length - 1]).toString();
  }
}
