package io.warren.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback picks up Warren's configurator (through the service file) rather than its defaults. */
class WarrenLogConfiguratorTest {
  @Test
  void stderrWithWarrensLayoutAndQuietLibraries() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var appender = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertNotNull(appender, "root logs to the STDERR appender (logback's default would be 'console')");
    assertEquals("System.err", appender.getTarget());
    var encoder = (LayoutWrappingEncoder<?>) appender.getEncoder();
    assertInstanceOf(WarrenLogLayout.class, encoder.getLayout(), "Warren's layout, not a pattern");
    assertEquals(Level.WARN, context.getLogger("io.grpc").getLevel());
    assertEquals(Level.ERROR, context.getLogger("io.netty.bootstrap.Bootstrap").getLevel());
  }
}
