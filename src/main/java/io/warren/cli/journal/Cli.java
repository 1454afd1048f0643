package io.warren.cli.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.cli.TextTable;
import io.warren.journal.TaskView;
import io.warren.journal.TransitionRules;
import io.warren.task.load.TaskMachineLoader;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared output helpers of the journal verbs. */
final class Cli {

  /** The transition table {@code verify} checks against: the engine's, from task.yaml. */
  static TransitionRules transitionRules() {
    return TaskMachineLoader.taskMachine();
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Cli() {}

  static String time(long millis) {
    return millis <= 0 ? "-" : Instant.ofEpochMilli(millis).toString();
  }

  static void printJson(PrintWriter out, Object node) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON output", e);
    }
    out.flush();
  }

  static ObjectNode taskJson(TaskView v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("task", v.taskId());
    n.put("state", v.state());
    n.put("attempt", v.attempt());
    n.put("containerId", v.containerId());
    n.put("updatedAt", Instant.ofEpochMilli(v.updatedAtMillis()).toString());
    n.put("updatedAtMillis", v.updatedAtMillis());
    n.put("image", v.image());
    n.put("openIntents", v.openIntents().size());
    return n;
  }

  static ArrayNode tasksJson(List<TaskView> views) {
    ArrayNode arr = JSON.createArrayNode();
    views.forEach(v -> arr.add(taskJson(v)));
    return arr;
  }

  static void printTaskTable(PrintWriter out, List<TaskView> views) {
    List<List<String>> rows = new ArrayList<>();
    for (TaskView v : views) {
      rows.add(List.of(v.taskId(), v.state().isEmpty() ? "-" : v.state(),
          Integer.toString(v.attempt()), v.containerId().isEmpty() ? "-" : v.containerId(),
          time(v.updatedAtMillis())));
    }
    TextTable.print(out, List.of("TASK", "STATE", "ATTEMPT", "CONTAINER", "UPDATED"), rows);
  }

  /** "1h02m03.004s" style durations for timelines. */
  static String duration(long millis) {
    long h = millis / 3_600_000;
    long m = (millis / 60_000) % 60;
    double s = (millis % 60_000) / 1000.0;
    if (h > 0) {
      return String.format("%dh%02dm%06.3fs", h, m, s);
    }
    if (m > 0) {
      return String.format("%dm%06.3fs", m, s);
    }
    return String.format("%.3fs", s);
  }
}
