package io.warren.replay;

import io.warren.journal.JournalRecord;
import io.warren.task.TaskStatus;
import io.warren.task.engine.TaskEngine;
import io.warren.testing.EngineHarness;
import io.warren.testing.FixtureFiles;
import io.warren.testing.InMemoryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves {@link ReplayRun} parameters of methods annotated with {@link ReplayFixture}. */
public final class ReplayFixtureExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == ReplayRun.class
        && e.getRequiredTestMethod().isAnnotationPresent(ReplayFixture.class);
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    String name = e.getRequiredTestMethod().getAnnotation(ReplayFixture.class).value();
    Path file = FixtureFiles.projectDir().resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new ParameterResolutionException("@ReplayFixture: no such file " + file);
    }
    return run(JsonlRecords.read(file));
  }

  /** Replays the records, restores an engine from them, and checks both agree. */
  public static ReplayRun run(List<JournalRecord> records) {
    ReplayResult replay = new Replayer(EngineHarness.machines()).replay(records);
    long last = records.isEmpty() ? EngineHarness.START_MILLIS
        : records.get(records.size() - 1).timeMillis();
    EngineHarness h = new EngineHarness(new InMemoryJournal(), last);
    TaskEngine.RestoreReport restore = h.engine.restore(null, records);
    for (TaskStatus t : restore.tasks()) {
      String replayed = replay.state(t.taskId());
      if (!t.machineState().equals(replayed)) {
        throw new AssertionError("task " + t.taskId() + ": restored engine is in '"
            + t.machineState() + "' but replay ends in '" + replayed + "'");
      }
    }
    if (restore.tasks().size() != replay.tasks().size()) {
      throw new AssertionError("restore knows " + restore.tasks().size() + " tasks, replay "
          + replay.tasks().size());
    }
    return new ReplayRun(records, replay, h, restore);
  }
}
