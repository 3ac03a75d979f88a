package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.hashing.GrowthBookVectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsCoercionTest {

  static Stream<Arguments> numberToString() {
    return GrowthBookVectors.list("coercions.json", "numberToString").stream()
        .map(c -> (List<?>) c)
        .map(c -> Arguments.of(GrowthBookVectors.number(c.get(0)), c.get(1)));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("numberToString")
  void numbersPrintAsJavaScriptPrintsThem(double number, String expected) {
    assertEquals(expected, JsValues.toJsString(number));
  }

  static Stream<Arguments> stringToNumber() {
    return GrowthBookVectors.list("coercions.json", "stringToNumber").stream()
        .map(c -> (List<?>) c)
        .map(c -> Arguments.of(c.get(0), c.get(1)));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("stringToNumber")
  void stringsParseAsJavaScriptParsesThem(String input, Object expected) {
    double actual = JsValues.toNumber(input);
    if (expected instanceof Number number) {
      assertEquals(number.doubleValue(), actual, 0.0);
    } else {
      assertEquals(
          expected,
          JsValues.toJsString(actual).equals("0") && 1 / actual < 0
              ? "-0"
              : JsValues.toJsString(actual));
    }
  }

  @Test
  void integersStoredAsDoublesPrintWithoutAFraction() {
    assertEquals("123", JsValues.toJsString(123.0));
    assertEquals("123", JsValues.toJsString(123L));
    assertEquals("0", JsValues.toJsString(-0.0));
  }

  @Test
  void arraysJoinAndObjectsPrintAsObject() {
    assertEquals("1,,a,2.5", JsValues.toJsString(java.util.Arrays.asList(1, null, "a", 2.5)));
    assertEquals("1,2,3", JsValues.toJsString(List.of(1, List.of(2, 3))));
    assertEquals("[object Object]", JsValues.toJsString(Map.of("a", 1)));
    assertEquals("null", JsValues.toJsString(null));
  }

  @Test
  void truthinessFollowsJavaScript() {
    for (Object falsy : new Object[] {null, false, 0, 0.0, -0.0, Double.NaN, ""}) {
      assertFalse(JsValues.isTruthy(falsy), String.valueOf(falsy));
    }
    for (Object truthy : new Object[] {true, 1, -1, "0", "false", List.of(), Map.of()}) {
      assertTrue(JsValues.isTruthy(truthy), String.valueOf(truthy));
    }
  }

  @Test
  void jsonStringifyPutsIntegerKeysFirstLikeJavaScript() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("b", 1);
    object.put("10", "x");
    object.put("a", List.of(1.0, "\"\n\u0001"));
    object.put("2", null);
    assertEquals(
        "{\"2\":null,\"10\":\"x\",\"b\":1,\"a\":[1,\"\\\"\\n\\u0001\"]}",
        JsValues.jsonStringify(object));
  }
}
