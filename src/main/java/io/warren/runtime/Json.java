package io.warren.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's JSON (OCI runtime specs, image indexes, manifests and configs, registry tokens)
 * as plain maps and lists, read and written with jackson-core's streaming API. Jackson's
 * ObjectMapper would load some 350 more classes into a daemon that only ever needs these few
 * documents (docs/benchmarks-worker.md); the CLI's JSON output still uses it.
 *
 * <p>Values: {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, String,
 * Long or Double (BigInteger/BigDecimal beyond those), Boolean, null.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** A new, empty, insertion-ordered object. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /**
   * Parses a whole document.
   *
   * @throws IllegalArgumentException naming {@code what} when it is not valid JSON
   */
  public static Object parse(byte[] json, String what) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException(what + " is not valid JSON: empty");
      }
      Object value = value(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException(what + " is not valid JSON: content after the value");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Parses a document that must be an object. */
  public static Map<String, Object> parseObject(byte[] json, String what) {
    if (parse(json, what) instanceof Map<?, ?> m) {
      return cast(m);
    }
    throw new IllegalArgumentException(what + " is not a JSON object");
  }

  public static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory
    }
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- reading a parsed tree

  /** The object under {@code key}, or an empty one when it is missing or not an object. */
  public static Map<String, Object> object(Map<String, Object> m, String key) {
    return asObject(m.get(key));
  }

  /** {@code value} if it is an object, else an empty one. */
  public static Map<String, Object> asObject(Object value) {
    return value instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  /** The array under {@code key}, or an empty one when it is missing or not an array. */
  public static List<Object> array(Map<String, Object> m, String key) {
    return m.get(key) instanceof List<?> l ? cast(l) : List.of();
  }

  /** The value under {@code key} as text (numbers and booleans too), or {@code absent}. */
  public static String text(Map<String, Object> m, String key, String absent) {
    Object v = m.get(key);
    return v == null || v instanceof Map || v instanceof List ? absent : v.toString();
  }

  /** The number under {@code key}, or {@code absent} when it is missing or not a number. */
  public static long number(Map<String, Object> m, String key, long absent) {
    return m.get(key) instanceof Number n ? n.longValue() : absent;
  }

  /** Each element as text (nested objects and arrays are skipped). */
  public static List<String> strings(List<Object> array) {
    List<String> out = new ArrayList<>(array.size());
    for (Object e : array) {
      if (e != null && !(e instanceof Map) && !(e instanceof List)) {
        out.add(e.toString());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  // ---------------------------------------------------------------- streaming

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = object();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
            : p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL ? p.getDecimalValue()
            : p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + t);
    }
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object e : c) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof java.math.BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof java.math.BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }
}
