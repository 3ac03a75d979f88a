package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class ConditionTest {
  /** A hand-written table (conditions.json) and random conditions (conditions-fuzz.json). */
  static Stream<Arguments> sdkConditions() {
    return Stream.of("conditions.json", "conditions-fuzz.json")
        .flatMap(
            file -> {
              List<Object> attributes = GrowthBookVectors.list(file, "attributes");
              return GrowthBookVectors.list(file, "cases").stream()
                  .map(c -> (Map<?, ?>) c)
                  .map(c -> Arguments.of(file, c.get("condition"), attributes, c.get("matches")));
            });
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @MethodSource("sdkConditions")
  @SuppressWarnings("unchecked")
  void matchesEvalConditionOnEveryAttributeSet(
      String file, Map<String, Object> json, List<Object> attributeSets, String expected) {
    if (JsRegexTest.usesLookaround(JsValues.jsonStringify(json))) {
      // Two vectors of conditions.json: the SDK runs them, Assay rejects them at write time.
      InvalidConditionException e =
          assertThrows(InvalidConditionException.class, () -> Condition.compile(json));
      assertTrue(e.getMessage().contains(JsRegex.LOOKAROUND_UNSUPPORTED), e::getMessage);
      return;
    }
    Condition condition = Condition.compile(json);
    StringBuilder actual = new StringBuilder();
    for (Object attributes : attributeSets) {
      actual.append(condition.matches((Map<String, Object>) attributes) ? '1' : '0');
    }
    assertEquals(
        expected, actual.toString(), () -> differences(attributeSets, expected, actual.toString()));
  }

  @Test
  void aMissingConditionIsRejectedAtTheRoot() {
    InvalidConditionException e =
        assertThrows(InvalidConditionException.class, () -> Condition.compile(null));
    assertEquals("(root): expected an object", e.getMessage());
  }

  @Test
  void alwaysMatchesEveryUnit() {
    assertTrue(Condition.always().matches(Map.of()));
    assertTrue(Condition.always().matches(Map.of("country", "US")));
  }

  @Test
  void numbersOfAnyJavaTypeAreOneJavaScriptNumber() {
    Condition condition = Condition.compile(Map.of("age", Map.of("$in", List.of(30, 31L, 32.5))));
    assertTrue(condition.matches(Map.of("age", 30.0)));
    assertTrue(condition.matches(Map.of("age", 31)));
    assertTrue(condition.matches(Map.of("age", 32.5f)));
    assertFalse(condition.matches(Map.of("age", "30")));
  }

  @Test
  void nestedObjectsCompareWholeAfterJsonStringify() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("plan", "pro");
    expected.put("seats", 12);
    Condition condition = Condition.compile(Map.of("profile", expected));
    Map<String, Object> sameOrder = new LinkedHashMap<>(expected);
    Map<String, Object> otherOrder = new LinkedHashMap<>();
    otherOrder.put("seats", 12.0);
    otherOrder.put("plan", "pro");
    assertTrue(condition.matches(Map.of("profile", sameOrder)));
    assertFalse(
        condition.matches(Map.of("profile", otherOrder)), "JSON.stringify is order sensitive");
  }

  private static String differences(List<Object> attributeSets, String expected, String actual) {
    StringBuilder out = new StringBuilder("differs on attribute sets:");
    for (int i = 0; i < expected.length(); i++) {
      if (expected.charAt(i) != actual.charAt(i)) {
        out.append(' ')
            .append(i)
            .append(JsValues.jsonStringify(attributeSets.get(i)))
            .append(" sdk=")
            .append(expected.charAt(i));
      }
    }
    return out.toString();
  }
}
