package io.warren.replay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a recorded journal (JSON lines, path relative to the project directory) through the replay
 * harness and through a task engine restored from it (fake runtime, virtual clock), and injects the
 * {@link ReplayRun} into the test method. The test fails before it starts if the engine's restored
 * states differ from the replayed ones.
 *
 * <pre>{@code
 * @Test
 * @ReplayFixture("journal/fixtures/image-pull-failure.jsonl")
 * void pullFailureFailsTheTask(ReplayRun run) {
 *   assertEquals("failed", run.state("web-1"));
 *   assertEquals(List.of(), run.violations());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ExtendWith(ReplayFixtureExtension.class)
public @interface ReplayFixture {
  /** The fixture file, relative to the project directory. */
  String value();
}
