package dev.assay.assignment.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns condition JSON into a tree of small predicates, validating it on the way.
 *
 * <p>Source: GrowthBook JS SDK {@code mongrule.ts}: {@code evalCondition} (object level: {@code
 * $or}, {@code $nor}, {@code $and}, {@code $not}, attribute paths) and {@code evalConditionValue}
 * (value level: implicit equality and operator objects). The operators themselves live in {@link
 * Operators}.
 */
final class ConditionCompiler {
  /** evalCondition: a test of an object (the attributes, or an array element in $elemMatch). */
  @FunctionalInterface
  interface ObjectTest {
    boolean test(@Nullable Object object);
  }

  /** evalConditionValue: a test of one value found at a path. */
  @FunctionalInterface
  interface ValueTest {
    boolean test(@Nullable Object value);
  }

  private static final Set<String> SAVED_GROUP_OPERATORS =
      Set.of("$savedGroup", "$inGroup", "$notInGroup");

  /**
   * The most {@code $regex} and {@code $regexi} operators one condition may hold. With the bound on
   * each match (see {@link JsRegex}) it bounds the time one evaluation of the condition can spend
   * matching.
   */
  static final int MAX_REGEXES_PER_CONDITION = 8;

  private int regexes;

  /** A compiler for one condition: {@link #condition} on its root, then {@link #regexCount}. */
  ConditionCompiler() {}

  /** How many regular expressions the condition holds. */
  int regexCount() {
    return regexes;
  }

  /** Counts one more pattern against the condition's limit. */
  void countRegex(String path) {
    if (++regexes > MAX_REGEXES_PER_CONDITION) {
      throw invalid(
          path,
          "a condition may hold at most "
              + MAX_REGEXES_PER_CONDITION
              + " regular expressions ($regex, $regexi)");
    }
  }

  ObjectTest condition(@Nullable Object json, String path) {
    if (!(json instanceof Map<?, ?> map)) {
      throw invalid(path, "expected an object");
    }
    List<ObjectTest> clauses = new ArrayList<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw invalid(path, "keys must be strings");
      }
      String key = (String) entry.getKey();
      String at = child(path, key);
      Object operand = entry.getValue();
      switch (key) {
        case "$or" -> {
          ObjectTest[] any = conditions(operand, at);
          clauses.add(object -> anyMatches(any, object));
        }
        case "$nor" -> {
          ObjectTest[] none = conditions(operand, at);
          clauses.add(object -> !anyMatches(none, object));
        }
        case "$and" -> {
          ObjectTest[] all = conditions(operand, at);
          clauses.add(object -> allMatch(all, object));
        }
        case "$not" -> {
          ObjectTest negated = condition(operand, at);
          clauses.add(object -> !negated.test(object));
        }
        default -> clauses.add(attribute(key, operand, at));
      }
    }
    ObjectTest[] all = clauses.toArray(new ObjectTest[0]);
    return all.length == 1 ? all[0] : object -> allMatch(all, object);
  }

  /** The test of one attribute path against a condition value. */
  private ObjectTest attribute(String key, @Nullable Object operand, String at) {
    if (key.startsWith("$")) {
      throw unknownOperator(at, key);
    }
    AttributePath attribute = AttributePath.parse(key);
    ValueTest valueTest = value(operand, at, false);
    return object -> valueTest.test(attribute.resolve(object));
  }

  /**
   * Compiles a condition value: a string, number, boolean or null is an implicit (coercing)
   * equality, an object whose keys all start with "$" is a set of operators, and any other array or
   * object must equal the attribute after JSON.stringify on both sides.
   *
   * @param caseInsensitive the {@code $alli} mode: string values compare after lower-casing
   */
  ValueTest value(@Nullable Object condition, String path, boolean caseInsensitive) {
    if (condition == null) {
      return actual -> actual == null;
    }
    if (condition instanceof String expected) {
      if (caseInsensitive) {
        String folded = expected.toLowerCase(Locale.ROOT);
        return actual -> JsValues.toJsString(actual).toLowerCase(Locale.ROOT).equals(folded);
      }
      return actual -> expected.equals(actual) || JsValues.toJsString(actual).equals(expected);
    }
    if (condition instanceof Number number) {
      double expected = number.doubleValue();
      return actual -> JsValues.toNumber(actual) == expected;
    }
    if (condition instanceof Boolean bool) {
      boolean expected = bool;
      return actual -> actual != null && JsValues.isTruthy(actual) == expected;
    }
    if (condition instanceof Map<?, ?> operators && isOperatorObject(operators)) {
      List<ValueTest> tests = new ArrayList<>();
      for (Map.Entry<?, ?> entry : operators.entrySet()) {
        String operator = (String) entry.getKey();
        tests.add(Operators.compile(this, operator, entry.getValue(), child(path, operator)));
      }
      ValueTest[] all = tests.toArray(new ValueTest[0]);
      return all.length == 1 ? all[0] : actual -> allMatch(all, actual);
    }
    if (condition instanceof Map || condition instanceof List) {
      String expected = JsValues.jsonStringify(condition);
      return actual -> JsValues.jsonStringify(actual).equals(expected);
    }
    throw invalid(path, "unsupported value of type " + condition.getClass().getSimpleName());
  }

  /** isOperatorObject: non-empty and every key starts with "$". */
  static boolean isOperatorObject(Map<?, ?> map) {
    if (map.isEmpty()) {
      return false;
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String name) || !name.startsWith("$")) {
        return false;
      }
    }
    return true;
  }

  private ObjectTest[] conditions(@Nullable Object operand, String path) {
    if (!(operand instanceof List<?> list)) {
      throw invalid(path, "expected an array of conditions");
    }
    ObjectTest[] tests = new ObjectTest[list.size()];
    for (int i = 0; i < tests.length; i++) {
      tests[i] = condition(list.get(i), path + "[" + i + "]");
    }
    return tests;
  }

  private static boolean anyMatches(ObjectTest[] tests, @Nullable Object object) {
    if (tests.length == 0) {
      return true; // evalOr: an empty $or passes (so an empty $nor fails)
    }
    for (ObjectTest test : tests) {
      if (test.test(object)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allMatch(ObjectTest[] tests, @Nullable Object object) {
    for (ObjectTest test : tests) {
      if (!test.test(object)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allMatch(ValueTest[] tests, @Nullable Object value) {
    for (ValueTest test : tests) {
      if (!test.test(value)) {
        return false;
      }
    }
    return true;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static InvalidConditionException invalid(String path, String problem) {
    return new InvalidConditionException(path.isEmpty() ? "(root)" : path, problem);
  }

  static InvalidConditionException unknownOperator(String path, String operator) {
    if (SAVED_GROUP_OPERATORS.contains(operator)) {
      return invalid(path, "saved groups (" + operator + ") are not supported");
    }
    return invalid(path, "unknown operator " + operator);
  }
}
