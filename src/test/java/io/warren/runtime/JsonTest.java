package io.warren.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTripKeepsOrderTypesAndEscapes() {
    String doc = "{\"z\":1,\"a\":[true,false,null,2.5,\"q\\\"uote\\u00e9\"],"
        + "\"big\":123456789012345678901234567890,\"o\":{}}";
    Map<String, Object> m = Json.parseObject(utf8(doc), "doc");
    assertEquals(List.of("z", "a", "big", "o"), List.copyOf(m.keySet()), "insertion order kept");
    assertEquals(1L, m.get("z"));
    assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
    assertEquals("q\"uoteé", Json.array(m, "a").get(4));
    assertEquals(doc.replace("\\u00e9", "é"), new String(Json.write(m), StandardCharsets.UTF_8));
  }

  @Test
  void missingOrMistypedFieldsReadAsAbsent() {
    Map<String, Object> m = Json.parseObject(utf8("{\"s\":\"x\",\"n\":7,\"l\":[\"a\",{},3]}"), "doc");
    assertEquals(Map.of(), Json.object(m, "s"));
    assertEquals(List.of(), Json.array(m, "nope"));
    assertEquals("7", Json.text(m, "n", ""));
    assertEquals("dflt", Json.text(m, "l", "dflt"));
    assertEquals(0, Json.number(m, "s", 0));
    assertEquals(List.of("a", "3"), Json.strings(Json.array(m, "l")));
  }

  @Test
  void badDocumentsNameWhatWasRead() {
    var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(utf8("{\"a\":"), "manifest"));
    assertTrue(e.getMessage().startsWith("manifest is not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject(utf8("[1]"), "index"));
    assertEquals("index is not a JSON object", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse(utf8("{} {}"), "config"));
    assertTrue(e.getMessage().contains("content after the value"), e.getMessage());
  }
}
