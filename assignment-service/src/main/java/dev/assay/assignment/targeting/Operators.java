package dev.assay.assignment.targeting;

import dev.assay.assignment.targeting.ConditionCompiler.ObjectTest;
import dev.assay.assignment.targeting.ConditionCompiler.ValueTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

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

  static ValueTest compile(String operator, Object operand, String path) {
    switch (operator) {
      case "$eq":
        requireScalar(operand, path);
        return actual -> JsValues.strictEquals(actual, operand);
      case "$ne":
        requireScalar(operand, path);
        return actual -> !JsValues.strictEquals(actual, operand);
      case "$lt":
        requireScalar(operand, path);
        return actual -> compares(actual, operand, c -> c < 0);
      case "$lte":
        requireScalar(operand, path);
        return actual -> compares(actual, operand, c -> c <= 0);
      case "$gt":
        requireScalar(operand, path);
        return actual -> compares(actual, operand, c -> c > 0);
      case "$gte":
        requireScalar(operand, path);
        return actual -> compares(actual, operand, c -> c >= 0);
      case "$exists":
        {
          if (!(operand instanceof Boolean || operand instanceof Number)) {
            throw ConditionCompiler.invalid(path, "expected a boolean");
          }
          boolean shouldExist = JsValues.isTruthy(operand);
          return actual -> (actual != null) == shouldExist;
        }
      case "$in":
      case "$nin":
      case "$ini":
      case "$nini":
        return membership(operator, operand, path);
      case "$not":
        {
          ValueTest negated = ConditionCompiler.value(operand, path, false);
          return actual -> !negated.test(actual);
        }
      case "$size":
        {
          ValueTest size = ConditionCompiler.value(operand, path, false);
          return actual -> actual instanceof List && size.test(((List<?>) actual).size());
        }
      case "$elemMatch":
        return elemMatch(operand, path);
      case "$all":
      case "$alli":
        return all(operand, path, operator.equals("$alli"));
      case "$regex":
      case "$regexi":
        return regex(operand, path, operator.equals("$regexi"));
      case "$type":
        {
          if (!(operand instanceof String) || !TYPE_NAMES.contains(operand)) {
            throw ConditionCompiler.invalid(
                path,
                "expected one of " + String.join(", ", TYPE_NAMES.stream().sorted().toList()));
          }
          return actual -> typeOf(actual).equals(operand);
        }
      case "$veq":
      case "$vne":
      case "$vgt":
      case "$vgte":
      case "$vlt":
      case "$vlte":
        return version(operator, operand, path);
      case "$and":
      case "$or":
      case "$nor":
        throw ConditionCompiler.invalid(
            path,
            operator
                + " combines conditions and cannot be applied to a value (the SDK never matches it"
                + " here)");
      default:
        throw ConditionCompiler.unknownOperator(path, operator);
    }
  }

  /**
   * Whether the JS comparison of actual with operand is defined (no NaN) and satisfies {@code
   * sign}.
   */
  private static boolean compares(Object actual, Object operand, IntPredicate sign) {
    Integer c = JsValues.compare(actual, operand);
    return c != null && sign.test(c);
  }

  private static void requireScalar(Object operand, String path) {
    if (operand instanceof Map || operand instanceof List) {
      throw ConditionCompiler.invalid(path, "expected a string, number, boolean or null");
    }
  }

  private static ValueTest membership(String operator, Object operand, String path) {
    if (!(operand instanceof List)) {
      throw ConditionCompiler.invalid(path, "expected an array");
    }
    Membership members = new Membership((List<?>) operand, operator.endsWith("i"));
    if (operator.startsWith("$n")) {
      return actual -> !members.contains(actual);
    }
    return members::contains;
  }

  private static ValueTest elemMatch(Object operand, String path) {
    if (!(operand instanceof Map)) {
      throw ConditionCompiler.invalid(path, "expected an object");
    }
    if (ConditionCompiler.isOperatorObject((Map<?, ?>) operand)) {
      ValueTest element = ConditionCompiler.value(operand, path, false);
      return actual -> anyElement(actual, element::test);
    }
    ObjectTest element = ConditionCompiler.condition(operand, path);
    return actual -> anyElement(actual, element);
  }

  /** Whether {@code actual} is an array with a non-null element that passes. */
  private static boolean anyElement(Object actual, ObjectTest test) {
    if (!(actual instanceof List)) {
      return false;
    }
    for (Object element : (List<?>) actual) {
      if (element != null && test.test(element)) {
        return true;
      }
    }
    return false;
  }

  private static ValueTest all(Object operand, String path, boolean caseInsensitive) {
    if (!(operand instanceof List)) {
      throw ConditionCompiler.invalid(path, "expected an array");
    }
    List<?> list = (List<?>) operand;
    ValueTest[] required = new ValueTest[list.size()];
    for (int i = 0; i < required.length; i++) {
      required[i] = ConditionCompiler.value(list.get(i), path + "[" + i + "]", caseInsensitive);
    }
    return actual -> {
      if (!(actual instanceof List)) {
        return false;
      }
      for (ValueTest test : required) {
        boolean found = false;
        for (Object element : (List<?>) actual) {
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

  private static ValueTest regex(Object operand, String path, boolean ignoreCase) {
    if (!(operand instanceof String)) {
      throw ConditionCompiler.invalid(path, "expected a string");
    }
    JsRegex regex;
    try {
      regex = JsRegex.compile((String) operand, ignoreCase);
    } catch (IllegalArgumentException e) {
      throw ConditionCompiler.invalid(path, "invalid regular expression: " + e.getMessage());
    }
    return actual -> regex.test(JsValues.toJsString(actual));
  }

  private static ValueTest version(String operator, Object operand, String path) {
    if (!(operand instanceof String || operand instanceof Number)) {
      throw ConditionCompiler.invalid(path, "expected a version string");
    }
    String expected = VersionStrings.paddedValue(operand);
    switch (operator) {
      case "$veq":
        return actual -> VersionStrings.paddedValue(actual).equals(expected);
      case "$vne":
        return actual -> !VersionStrings.paddedValue(actual).equals(expected);
      case "$vgt":
        return actual -> VersionStrings.paddedValue(actual).compareTo(expected) > 0;
      case "$vgte":
        return actual -> VersionStrings.paddedValue(actual).compareTo(expected) >= 0;
      case "$vlt":
        return actual -> VersionStrings.paddedValue(actual).compareTo(expected) < 0;
      default:
        return actual -> VersionStrings.paddedValue(actual).compareTo(expected) <= 0;
    }
  }

  /** GrowthBook's getType. */
  private static String typeOf(Object value) {
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
