package io.warren.task.load;

import io.warren.task.ActualState;
import io.warren.task.machine.InvalidMachineDefinition;
import io.warren.task.machine.MachineDefinition;
import io.warren.task.machine.StateDef;
import io.warren.task.machine.TransitionDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The packaged task machine in a form read without a YAML parser: {@code statemachines/task.packed},
 * generated from {@code task.yaml} and committed beside it ({@code PackedMachineTest} fails when
 * it is out of date and rewrites it with {@code -Dwarren.writeDocs=true}). Parsing the YAML costs
 * a cold JVM ~90 ms of CPU and ~80 methods for C1 to compile, inside every worker start
 * (docs/benchmarks-recovery.md, session 14); this form is a few split lines.
 *
 * <p>One line per entry, fields separated by tabs, tab, newline and backslash escaped; an empty
 * optional field (guard, follow-up events, why) is absent. The first line carries the CRC-32C of
 * the YAML it was made from, and a packed form is only used beside that same YAML: an edited
 * task.yaml whose packed form was not regenerated is parsed, never silently ignored.
 */
final class PackedMachine {
  private static final String MAGIC = "warren-packed-machine 1 ";

  private PackedMachine() {}

  /** The CRC-32C of a YAML text, as the header names it. */
  static String checksum(byte[] yaml) {
    CRC32C crc = new CRC32C();
    crc.update(yaml);
    return Long.toHexString(crc.getValue());
  }

  static String write(MachineDefinition d, byte[] yaml) {
    StringBuilder out = new StringBuilder(MAGIC).append(checksum(yaml)).append('\n');
    line(out, "initial", d.initial());
    for (StateDef s : d.states().values()) {
      line(out, "state", s.name(), s.status().name().toLowerCase(Locale.ROOT),
          Boolean.toString(s.terminal()), s.doc());
    }
    d.events().forEach((k, v) -> line(out, "event", k, v));
    d.effects().forEach((k, v) -> line(out, "effect", k, v));
    d.guards().forEach((k, v) -> line(out, "guard", k, v));
    for (TransitionDef t : d.transitions()) {
      line(out, "row", t.from(), t.event(), t.to(), opt(t.guard()), String.join(",", t.effects()),
          opt(t.okEvent()), opt(t.failedEvent()), Boolean.toString(t.newAttempt()),
          Boolean.toString(t.durable()), opt(t.why()));
    }
    return out.toString();
  }

  /**
   * The definition {@code packed} holds if it was made from {@code yaml}, else null (then the
   * YAML is parsed). {@code source} names the YAML in the definition and its errors.
   *
   * @throws InvalidMachineDefinition if the packed form is damaged
   */
  static MachineDefinition readIfMadeFrom(String source, String packed, byte[] yaml) {
    int eol = packed.indexOf('\n');
    if (eol < 0 || !packed.substring(0, eol).equals(MAGIC + checksum(yaml))) {
      return null;
    }
    String initial = null;
    Map<String, StateDef> states = new LinkedHashMap<>();
    Map<String, String> events = new LinkedHashMap<>();
    Map<String, String> effects = new LinkedHashMap<>();
    Map<String, String> guards = new LinkedHashMap<>();
    List<TransitionDef> rows = new ArrayList<>();
    int lineNo = 1;
    for (String line : packed.substring(eol + 1).split("\n")) {
      lineNo++;
      String[] f = line.split("\t", -1);
      for (int i = 0; i < f.length; i++) {
        f[i] = unescape(f[i]);
      }
      try {
        switch (f[0]) {
          case "initial" -> initial = fields(f, 2)[1];
          case "state" -> states.put(fields(f, 5)[1], new StateDef(f[1],
              ActualState.valueOf(f[2].toUpperCase(Locale.ROOT)), Boolean.parseBoolean(f[3]),
              f[4]));
          case "event" -> events.put(fields(f, 3)[1], f[2]);
          case "effect" -> effects.put(fields(f, 3)[1], f[2]);
          case "guard" -> guards.put(fields(f, 3)[1], f[2]);
          case "row" -> rows.add(new TransitionDef(rows.size(), fields(f, 11)[1], f[2], f[3],
              nullIfEmpty(f[4]), f[5].isEmpty() ? List.of() : Arrays.asList(f[5].split(",")),
              nullIfEmpty(f[6]), nullIfEmpty(f[7]), Boolean.parseBoolean(f[8]),
              Boolean.parseBoolean(f[9]), nullIfEmpty(f[10])));
          default -> throw new IllegalArgumentException("unknown entry");
        }
      } catch (IllegalArgumentException e) {
        throw new InvalidMachineDefinition(source + " (packed): line " + lineNo + ": '" + line
            + "': " + e.getMessage());
      }
    }
    return new MachineDefinition(source, initial, states, events, effects, guards, rows);
  }

  private static String[] fields(String[] f, int n) {
    if (f.length != n) {
      throw new IllegalArgumentException(n + " fields expected, found " + f.length);
    }
    return f;
  }

  private static void line(StringBuilder out, String kind, String... fields) {
    out.append(kind);
    for (String f : fields) {
      out.append('\t').append(escape(f));
    }
    out.append('\n');
  }

  private static String opt(String s) {
    return s == null ? "" : s;
  }

  private static String nullIfEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
