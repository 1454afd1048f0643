package io.warren.task.load;

import io.warren.task.ActualState;
import io.warren.task.machine.InvalidMachineDefinition;
import io.warren.task.machine.MachineDefinition;
import io.warren.task.machine.StateDef;
import io.warren.task.machine.TransitionDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a lifecycle definition ({@code statemachines/task.yaml}) into a validated
 * {@link MachineDefinition}. The default comes from the classpath ({@code /statemachines/task.yaml},
 * put into the jar by the build from the project's {@code statemachines/} folder, with its packed
 * form, {@link PackedMachine}); the system property {@code warren.taskMachine} names a file to use
 * instead. Unknown keys are errors.
 */
public final class TaskMachineLoader {
  public static final String RESOURCE = "/statemachines/task.yaml";
  /** {@link #RESOURCE} packed ({@link PackedMachine}), generated beside it. */
  public static final String PACKED_RESOURCE = "/statemachines/task.packed";
  public static final String OVERRIDE_PROPERTY = "warren.taskMachine";

  private static final Set<String> TOP_KEYS =
      Set.of("initial", "states", "events", "effects", "guards", "transitions");
  private static final Set<String> STATE_KEYS = Set.of("status", "terminal", "doc");
  private static final Set<String> ROW_KEYS = Set.of("from", "event", "to", "guard", "effects",
      "ok", "failed", "new-attempt", "durable", "why");

  private static volatile MachineDefinition cached;

  private TaskMachineLoader() {}

  /** The task machine: the override file if the property is set, else the packaged one. Cached. */
  public static MachineDefinition taskMachine() {
    MachineDefinition d = cached;
    if (d == null) {
      String override = System.getProperty(OVERRIDE_PROPERTY);
      d = override == null || override.isBlank() ? fromClasspath() : fromFile(Path.of(override));
      cached = d;
    }
    return d;
  }

  /**
   * The packaged definition: from its packed form ({@link PackedMachine}: no YAML parser on the
   * worker's start-up path) when that was made from this very YAML, else parsed from the YAML.
   */
  public static MachineDefinition fromClasspath() {
    byte[] yaml = resource(RESOURCE);
    if (yaml == null) {
      throw new InvalidMachineDefinition(RESOURCE + ": not on the classpath (a broken build?)");
    }
    byte[] packed = resource(PACKED_RESOURCE);
    if (packed != null) {
      MachineDefinition d = PackedMachine.readIfMadeFrom(RESOURCE,
          new String(packed, StandardCharsets.UTF_8), yaml);
      if (d != null) {
        return d;
      }
    }
    return parse(RESOURCE, new String(yaml, StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) {
    try (InputStream in = TaskMachineLoader.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  public static MachineDefinition fromFile(Path file) {
    try {
      return parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new InvalidMachineDefinition(file + ": cannot read: " + e.getMessage());
    }
  }

  /** @throws InvalidMachineDefinition naming {@code source} and the entry */
  public static MachineDefinition parse(String source, String yamlText) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new InvalidMachineDefinition(source + ": not valid YAML: " + e.getMessage());
    }
    Map<String, Object> top = map(root, source, "the document");
    checkKeys(top, TOP_KEYS, source, "the document");
    String initial = string(top.get("initial"), source, "initial");

    Map<String, StateDef> states = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(top.get("states"), source, "states").entrySet()) {
      String at = "states." + e.getKey();
      Map<String, Object> s = map(e.getValue(), source, at);
      checkKeys(s, STATE_KEYS, source, at);
      String status = string(s.get("status"), source, at + ".status");
      ActualState st;
      try {
        st = ActualState.valueOf(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new InvalidMachineDefinition(source + ": " + at + ".status: unknown value '" + status
            + "' (expected pending, running, failed or complete)");
      }
      states.put(e.getKey(), new StateDef(e.getKey(), st, bool(s.get("terminal"), false, source,
          at + ".terminal"), optString(s.get("doc"))));
    }
    Map<String, String> events = docs(top.get("events"), source, "events");
    Map<String, String> effects = docs(top.get("effects"), source, "effects");
    Map<String, String> guards = docs(top.get("guards"), source, "guards");

    List<TransitionDef> rows = new ArrayList<>();
    Object list = top.get("transitions");
    if (!(list instanceof List<?> l)) {
      throw new InvalidMachineDefinition(source + ": transitions: expected a list");
    }
    int i = 0;
    for (Object o : l) {
      String at = "transitions[" + i + "]";
      Map<String, Object> r = map(o, source, at);
      checkKeys(r, ROW_KEYS, source, at);
      List<String> fx = new ArrayList<>();
      Object fo = r.get("effects");
      if (fo instanceof List<?> fl) {
        for (Object f : fl) {
          fx.add(string(f, source, at + ".effects"));
        }
      } else if (fo != null) {
        throw new InvalidMachineDefinition(source + ": " + at + ".effects: expected a list");
      }
      rows.add(new TransitionDef(i, string(r.get("from"), source, at + ".from"),
          string(r.get("event"), source, at + ".event"), string(r.get("to"), source, at + ".to"),
          optStringOrNull(r.get("guard")), fx, optStringOrNull(r.get("ok")),
          optStringOrNull(r.get("failed")), bool(r.get("new-attempt"), false, source, at),
          bool(r.get("durable"), true, source, at + ".durable"), optStringOrNull(r.get("why"))));
      i++;
    }
    return new MachineDefinition(source, initial, states, events, effects, guards, rows);
  }

  private static Map<String, String> docs(Object o, String source, String at) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(o, source, at).entrySet()) {
      out.put(e.getKey(), optString(e.getValue()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String source, String at) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new InvalidMachineDefinition(source + ": " + at + ": expected a mapping");
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new InvalidMachineDefinition(source + ": " + at + ": key '" + k + "' is not a string");
      }
    }
    return (Map<String, Object>) m;
  }

  private static void checkKeys(Map<String, Object> m, Set<String> allowed, String source,
      String at) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw new InvalidMachineDefinition(source + ": " + at + ": unknown key '" + k + "'");
      }
    }
  }

  private static String string(Object o, String source, String at) {
    if (!(o instanceof String s) || s.isBlank()) {
      throw new InvalidMachineDefinition(source + ": " + at + ": expected a name, got '" + o + "'");
    }
    return s;
  }

  private static String optString(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String optStringOrNull(Object o) {
    return o == null ? null : o.toString();
  }

  private static boolean bool(Object o, boolean dflt, String source, String at) {
    if (o == null) {
      return dflt;
    }
    if (o instanceof Boolean b) {
      return b;
    }
    throw new InvalidMachineDefinition(source + ": " + at + ": expected true or false, got '" + o + "'");
  }
}
