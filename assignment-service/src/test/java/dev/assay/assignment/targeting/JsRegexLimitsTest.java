package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10: patterns that made the backtracking engine run for seconds, minutes or overflow. */
class JsRegexLimitsTest {
  private static final Duration GENEROUS = Duration.ofSeconds(1);

  @ParameterizedTest(name = "/{0}/ on {1} × ''{2}''")
  @CsvSource(
      delimiter = ';',
      value = {
        "(.*,){6}X; 1000; ,; ,,,,,,X", // over 60 s before
        "^(a+)+$; 8000; a; aaa", // 5 s on 30-40k characters before (now at most 8,192)
        "a*b; 8000; a; aab",
        "(a|aa)*c; 8000; a; aac" // StackOverflowError before
      })
  void catastrophicPatternsAnswerAtOnce(String pattern, int repeat, String unit, String match) {
    JsRegex regex = JsRegex.compile(pattern, false);
    String input = unit.repeat(repeat) + "!";
    boolean matched = assertTimeoutPreemptively(GENEROUS, () -> regex.test(input));
    assertFalse(matched);
    assertTrue(regex.test(match), "still matches what it should");
  }

  @Test
  void aValueLongerThanTheBoundNeverMatches() {
    JsRegex any = JsRegex.compile("a", false);
    assertEquals(JsRegex.MAX_INPUT_LENGTH, any.maxInputLength());
    assertTrue(any.test("a".repeat(JsRegex.MAX_INPUT_LENGTH)));
    assertFalse(any.test("a".repeat(JsRegex.MAX_INPUT_LENGTH + 1)));
  }

  @Test
  void largerPatternsAreTestedOnShorterValues() {
    JsRegex large = JsRegex.compile("[a-z]{1,900}", false);
    assertEquals(901, large.size());
    assertEquals(JsRegex.MAX_WORK / 901, large.maxInputLength());
    assertTrue(large.test("x".repeat(large.maxInputLength())));
    assertFalse(large.test("x".repeat(large.maxInputLength() + 1)));
  }

  @ParameterizedTest(name = "/{0}/ is rejected: {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "^(?=.*C)[A-Z]+$; lookahead and lookbehind assertions are not supported",
        "Z(?!x); lookahead and lookbehind assertions are not supported",
        "(?<=a)b; lookahead and lookbehind assertions are not supported",
        "(?<!a)b; lookahead and lookbehind assertions are not supported",
        "(a)\\1; backreferences are not supported",
        "(?<n>a)\\k<n>; named backreferences are not supported",
        "a{1001}; repetition counts above 1000 are not supported",
        "a{0,99999999999}; repetition counts above 1000 are not supported",
        "(a{1000}){1000}; pattern too large: over 1,000,000 elements",
        "((a{100}){100}){100}; pattern too large: over 1,000,000 elements",
        "(.{1,20}){1,60}X; pattern too large: 1322 elements"
      })
  void patternsThatNeedBacktrackingOrTooMuchWorkAreRejected(String pattern, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsRegex.compile(pattern, false));
    assertTrue(e.getMessage().startsWith(message), e::getMessage);
  }

  @Test
  void sourcesLongerThanTheLimitAreRejected() {
    JsRegex.compile("x".repeat(JsRegex.MAX_SOURCE_LENGTH), false);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsRegex.compile("x".repeat(JsRegex.MAX_SOURCE_LENGTH + 1), false));
    assertEquals("a pattern may have at most 1000 characters, got 1001", e.getMessage());
  }

  @Test
  void wordBoundariesAndEmptyClassesKeepTheirJavaScriptMeaning() {
    JsRegex word = JsRegex.compile("\\bcat\\b", false);
    assertTrue(word.test("a cat!"));
    assertFalse(word.test("concatenate"));
    assertTrue(JsRegex.compile("\\Bat", false).test("cat"));
    assertFalse(JsRegex.compile("[]", false).test("anything"));
    assertTrue(JsRegex.compile("[^]", false).test("\uD800"));
  }

  @Test
  void aConditionHoldsAtMostEightRegularExpressions() {
    StringBuilder json = new StringBuilder("{\"$or\": [");
    for (int i = 0; i < 9; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\": {\"$regex\": \"^a")
          .append(i)
          .append("\"}}");
    }
    java.util.Map<String, Object> nine = parse(json.append("]}").toString());
    InvalidConditionException e =
        assertThrows(InvalidConditionException.class, () -> Condition.compile(nine));
    assertEquals(
        "$or[8].name.$regex: a condition may hold at most 8 regular expressions ($regex, $regexi)",
        e.getMessage());
    assertEquals(
        2,
        Condition.compile(parse("{\"a\": {\"$regex\": \"x\"}, \"b\": {\"$regexi\": \"y\"}}"))
            .regexCount());
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readValue(json, java.util.LinkedHashMap.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
