package io.warren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.journal.TaskView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRefTest {
  @TempDir
  Path dir;

  private static TaskView task(String id) {
    return new TaskView(id, "img", "Running", 1, id + "-a1", 0, Map.of(), List.of());
  }

  private final List<TaskView> tasks = List.of(task("abc123-1"), task("abc124-2"), task("abc"));

  @Test
  void exactIdWinsOverPrefixMatches() {
    assertEquals("abc", TaskRef.pick(tasks, "abc", dir).taskId());
  }

  @Test
  void uniquePrefixSelectsTheTask() {
    assertEquals("abc124-2", TaskRef.pick(tasks, "abc124", dir).taskId());
  }

  @Test
  void ambiguousPrefixNamesEveryMatch() {
    UserError e = assertThrows(UserError.class, () -> TaskRef.pick(tasks, "abc12", dir));
    assertTrue(e.getMessage().contains("'abc12' is ambiguous"), e.getMessage());
    assertTrue(e.getMessage().contains("abc123-1") && e.getMessage().contains("abc124-2"), e.getMessage());
  }

  @Test
  void unknownTaskNamesTheValueAndTheDirectory() {
    UserError e = assertThrows(UserError.class, () -> TaskRef.pick(tasks, "zzz", dir));
    assertTrue(e.getMessage().contains("no task 'zzz'"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }
}
