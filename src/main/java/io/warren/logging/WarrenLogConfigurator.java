package io.warren.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Warren's logging set-up, in code rather than logback.xml: the XML configurator alone loads
 * some 600 classes (Joran, an XML parser) that a small-footprint daemon then carries for its
 * whole life (docs/benchmarks-worker.md). Logs go to stderr so stdout stays clean for command
 * output and JSON; {@code -Dwarren.log.level=DEBUG} changes the level, and
 * {@code -Dlogback.configurationFile=FILE} still hands the set-up to an operator's own file.
 *
 * <p>No {@code @ConfiguratorRank}: logback runs every configurator found as a service before its
 * own, the rank only orders several such services (there is one), and reading an annotation makes
 * the JVM generate a proxy class for it, ~15 ms of a cold start.
 */
public final class WarrenLogConfigurator extends ContextAwareBase implements Configurator {
  /** What each line looks like, in logback's pattern terms ({@link WarrenLogLayout} writes it). */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %X{task} - %msg%n";

  /** Chatty libraries: only their warnings are worth an operator's attention. */
  private static final Map<String, Level> QUIET = Map.of(
      "net.openhft", Level.WARN,
      "io.netty", Level.WARN,
      "io.grpc", Level.WARN,
      "io.netty.bootstrap.Bootstrap", Level.ERROR,
      "org.springframework", Level.WARN);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    WarrenLogLayout layout = new WarrenLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();

    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty("warren.log.level", "INFO"), Level.INFO));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
