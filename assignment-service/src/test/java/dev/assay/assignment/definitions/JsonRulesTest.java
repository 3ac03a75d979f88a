package dev.assay.assignment.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10: the rules every JSON value follows, and the short echo of caller input. */
class JsonRulesTest {
  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteNumbersAreRejectedAtAnyDepth(double bad) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("scores", List.of(1.0, bad));
    assertEquals(
        "number at $.scores[1] is not finite (NaN and infinity are not JSON)",
        problem(JsonRules.DEFINITION, payload));
    assertEquals(
        "number at $ is not finite (NaN and infinity are not JSON)",
        problem(JsonRules.ATTRIBUTES, bad));
  }

  @Test
  void extremeFiniteNumbersAreFine() {
    assertNull(
        problem(
            JsonRules.DEFINITION, List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE)));
  }

  @Test
  void nestingIsBoundedAt32Levels() {
    assertNull(problem(JsonRules.DEFINITION, nested(32)));
    assertEquals(
        "nests deeper than 32 levels at $" + "[0]".repeat(32),
        problem(JsonRules.DEFINITION, nested(33)));
  }

  @Test
  void aValueNestedAHundredThousandLevelsIsRejectedWithoutOverflowingTheStack() {
    assertTrue(problem(JsonRules.ATTRIBUTES, nested(100_000)).startsWith("nests deeper than 32"));
  }

  @Test
  void sizesAreBounded() {
    assertEquals(
        "has more than 10000 values",
        problem(JsonRules.DEFINITION, Collections.nCopies(10_000, 1.0)));
    assertEquals(
        "string at $ is longer than 8192 characters (8193)",
        problem(JsonRules.ATTRIBUTES, "a".repeat(8_193)));
    assertEquals(
        "a key at $ is longer than 256 characters",
        problem(JsonRules.DEFINITION, Map.of("k".repeat(257), 1.0)));
    assertEquals(
        "has more than 262144 characters of strings and keys",
        problem(JsonRules.ATTRIBUTES, Collections.nCopies(33, "a".repeat(8_192))));
  }

  @Test
  void storedStringsMustBeUnicodeButAttributesNeedNotBe() {
    assertEquals(
        "string at $[0] is not valid Unicode (unpaired surrogate)",
        problem(JsonRules.DEFINITION, List.of("a\uD800")));
    assertNull(problem(JsonRules.ATTRIBUTES, List.of("a\uD800")));
    assertNull(problem(JsonRules.DEFINITION, List.of("😀")));
  }

  @Test
  void echoesAreShortAndValidUnicode() {
    assertEquals("ab\uFFFDc", Limits.echo("ab\uDC00c"));
    assertEquals("p".repeat(64) + "…(40000 characters)", Limits.echo("p".repeat(40_000)));
  }

  private static Object nested(int depth) {
    Object value = 1.0;
    for (int i = 0; i < depth; i++) {
      List<Object> list = new ArrayList<>(1);
      list.add(value);
      value = list;
    }
    return value;
  }

  private static @Nullable String problem(JsonRules rules, @Nullable Object value) {
    Violations v = new Violations();
    rules.check(v, value, "field");
    try {
      v.throwIfAny();
      return null;
    } catch (ValidationException e) {
      assertEquals(1, e.violations().size());
      assertEquals("field", e.violations().get(0).field());
      return e.violations().get(0).description();
    }
  }
}
