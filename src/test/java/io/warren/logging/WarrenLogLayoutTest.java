package io.warren.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written layout prints exactly what logback's pattern layout prints for the pattern. */
class WarrenLogLayoutTest {
  private final LoggerContext context = new LoggerContext();

  private LoggingEvent event(String logger, Level level, String thread, String task,
      Throwable thrown, long time) {
    LoggingEvent e = new LoggingEvent("fqcn", context.getLogger(logger), level, "hello {} world",
        thrown, new Object[] {42});
    e.setThreadName(thread);
    e.setTimeStamp(time);
    e.setMDCPropertyMap(task == null ? Map.of() : Map.of("task", task));
    return e;
  }

  @Test
  void linesAreThoseOfThePattern() {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern(WarrenLogConfigurator.PATTERN);
    pattern.start();
    WarrenLogLayout layout = new WarrenLogLayout();
    layout.setContext(context);
    layout.start();
    List<LoggingEvent> events = List.of(
        event("io.warren.worker.Worker", Level.INFO, "main", null, null, 1_767_225_600_007L),
        event("io.warren.embedded.EmbeddedManager", Level.WARN, "warren-task-3", "t-1", null,
            1_767_229_199_999L),
        event("io.warren.worker.PrivateContainerd", Level.ERROR, "x", "", null, 5L),
        event("a.b.c.d.e.f.g.h.i.j.k.l.m.VeryLongClassNameIndeed", Level.DEBUG, "y", null, null,
            86_399_000L),
        event("Top", Level.TRACE, "z", null, new IllegalStateException("boom",
            new RuntimeException("cause")), 123_456_789L));
    for (LoggingEvent e : events) {
      assertEquals(pattern.doLayout(e), layout.doLayout(e), e.getLoggerName());
    }
  }

  @Test
  void loggerNamesAreCutLikeLogbacks() {
    assertEquals("io.warren.worker.Worker", WarrenLogLayout.abbreviate("io.warren.worker.Worker"));
    assertEquals("i.w.e.EmbeddedManager",
        WarrenLogLayout.abbreviate("io.warren.embedded.EmbeddedManager"));
    assertEquals("i.w.recovery.Recovery", WarrenLogLayout.abbreviate("io.warren.recovery.Recovery"));
  }
}
