package dev.assay.assignment.targeting;

import dev.assay.assignment.targeting.ConditionCompiler.ObjectTest;
import dev.assay.assignment.targeting.ConditionCompiler.ValueTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The value-level operators of a condition ({@code $eq}, {@code $in}, {@code $regex}, ...), each
 * validated and compiled into a {@link ValueTest}.
 *
 * <p>Source: GrowthBook JS SDK {@code mongrule.ts} {@code evalOperatorCondition}. Comparisons use
 * JavaScript semantics: {@code $eq}/{@code $ne} are {@code ===}/{@code !==}; {@code $lt} and
 * friends compare two strings by UTF-16 code units and anything else as numbers (NaN never
 * compares).
 */
final class Operators {
  private static final Set<String> TYPE_NAMES =
      Set.of("string", "number", "boolean", "array", "object", "null", "undefined");

  private Operators() {}

  static ValueTest compile(
      ConditionCompiler compiler, String operator, @Nullable Object operand, String path) {
    return switch (operator) {
      case "$eq" -> {
        requireScalar(operand, path);
        yield actual -> JsValues.strictEquals(actual, operand);
      }
      case "$ne" -> {
        requireScalar(operand, path);
        yield actual -> !JsValues.strictEquals(actual, operand);
      }
      case "$lt" -> comparison(operand, path, c -> c < 0);
      case "$lte" -> comparison(operand, path, c -> c <= 0);
      case "$gt" -> comparison(operand, path, c -> c > 0);
      case "$gte" -> comparison(operand, path, c -> c >= 0);
      case "$exists" -> {
        if (!(operand instanceof Boolean || operand instanceof Number)) {
          throw ConditionCompiler.invalid(path, "expected a boolean");
        }
        boolean shouldExist = JsValues.isTruthy(operand);
        yield actual -> (actual != null) == shouldExist;
      }
      case "$in", "$nin", "$ini", "$nini" -> membership(operator, operand, path);
      case "$not" -> {
        ValueTest negated = compiler.value(operand, path, false);
        yield actual -> !negated.test(actual);
      }
      case "$size" -> {
        ValueTest size = compiler.value(operand, path, false);
        yield actual -> actual instanceof List<?> list && size.test(list.size());
      }
      case "$elemMatch" -> elemMatch(compiler, operand, path);
      case "$all", "$alli" -> all(compiler, operand, path, operator.equals("$alli"));
      case "$regex", "$regexi" -> regex(compiler, operand, path, operator.equals("$regexi"));
      case "$type" -> {
        if (!(operand instanceof String) || !TYPE_NAMES.contains(operand)) {
          throw ConditionCompiler.invalid(
              path, "expected one of " + String.join(", ", TYPE_NAMES.stream().sorted().toList()));
        }
        yield actual -> typeOf(actual).equals(operand);
      }
      case "$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte" -> version(operator, operand, path);
      case "$and", "$or", "$nor" ->
          throw ConditionCompiler.invalid(
              path,
              operator
                  + " combines conditions and cannot be applied to a value (the SDK never matches it"
                  + " here)");
      default -> throw ConditionCompiler.unknownOperator(path, operator);
    };
  }

  /** A comparison with a scalar operand, true when the JS comparison satisfies {@code sign}. */
  private static ValueTest comparison(@Nullable Object operand, String path, IntPredicate sign) {
    requireScalar(operand, path);
    return actual -> compares(actual, operand, sign);
  }

  /**
   * Whether the JS comparison of actual with operand is defined (no NaN) and satisfies {@code
   * sign}.
   */
  private static boolean compares(
      @Nullable Object actual, @Nullable Object operand, IntPredicate sign) {
    Integer c = JsValues.compare(actual, operand);
    return c != null && sign.test(c);
  }

  private static void requireScalar(@Nullable Object operand, String path) {
    if (operand instanceof Map || operand instanceof List) {
      throw ConditionCompiler.invalid(path, "expected a string, number, boolean or null");
    }
  }

  private static ValueTest membership(String operator, @Nullable Object operand, String path) {
    if (!(operand instanceof List<?> list)) {
      throw ConditionCompiler.invalid(path, "expected an array");
    }
    Membership members = new Membership(list, operator.endsWith("i"));
    if (operator.startsWith("$n")) {
      return actual -> !members.contains(actual);
    }
    return members::contains;
  }

  private static ValueTest elemMatch(
      ConditionCompiler compiler, @Nullable Object operand, String path) {
    if (!(operand instanceof Map<?, ?> map)) {
      throw ConditionCompiler.invalid(path, "expected an object");
    }
    if (ConditionCompiler.isOperatorObject(map)) {
      ValueTest element = compiler.value(operand, path, false);
      return actual -> anyElement(actual, element::test);
    }
    ObjectTest element = compiler.condition(operand, path);
    return actual -> anyElement(actual, element);
  }

  /** Whether {@code actual} is an array with a non-null element that passes. */
  private static boolean anyElement(@Nullable Object actual, ObjectTest test) {
    if (!(actual instanceof List<?> list)) {
      return false;
    }
    for (Object element : list) {
      if (element != null && test.test(element)) {
        return true;
      }
    }
    return false;
  }

  private static ValueTest all(
      ConditionCompiler compiler, @Nullable Object operand, String path, boolean caseInsensitive) {
    if (!(operand instanceof List<?> list)) {
      throw ConditionCompiler.invalid(path, "expected an array");
    }
    ValueTest[] required = new ValueTest[list.size()];
    for (int i = 0; i < required.length; i++) {
      required[i] = compiler.value(list.get(i), path + "[" + i + "]", caseInsensitive);
    }
    return actual -> {
      if (!(actual instanceof List<?> elements)) {
        return false;
      }
      for (ValueTest test : required) {
        boolean found = false;
        for (Object element : elements) {
          if (test.test(element)) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    };
  }

  private static ValueTest regex(
      ConditionCompiler compiler, @Nullable Object operand, String path, boolean ignoreCase) {
    if (!(operand instanceof String pattern)) {
      throw ConditionCompiler.invalid(path, "expected a string");
    }
    JsRegex regex;
    try {
      regex = JsRegex.compile(pattern, ignoreCase);
    } catch (IllegalArgumentException e) {
      throw ConditionCompiler.invalid(path, "invalid regular expression: " + e.getMessage());
    }
    compiler.countRegex(path);
    int maxLength = regex.maxInputLength();
    return actual -> {
      String text = JsValues.toJsStringAtMost(actual, maxLength);
      return text != null && regex.test(text);
    };
  }

  private static ValueTest version(String operator, @Nullable Object operand, String path) {
    if (!(operand instanceof String || operand instanceof Number)) {
      throw ConditionCompiler.invalid(path, "expected a version string");
    }
    String expected = VersionStrings.paddedValue(operand);
    return switch (operator) {
      case "$veq" -> actual -> VersionStrings.paddedValue(actual).equals(expected);
      case "$vne" -> actual -> !VersionStrings.paddedValue(actual).equals(expected);
      case "$vgt" -> actual -> VersionStrings.paddedValue(actual).compareTo(expected) > 0;
      case "$vgte" -> actual -> VersionStrings.paddedValue(actual).compareTo(expected) >= 0;
      case "$vlt" -> actual -> VersionStrings.paddedValue(actual).compareTo(expected) < 0;
      default -> actual -> VersionStrings.paddedValue(actual).compareTo(expected) <= 0;
    };
  }

  /** GrowthBook's getType. */
  private static String typeOf(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "string";
  }
}
