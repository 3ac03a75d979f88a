package dev.assay.assignment.targeting;

import java.util.Map;
import java.util.Objects;

/** Interim copy (top-level equality and $in only); replaced by the growthbook branch. */
public final class Condition {
  private final Map<String, Object> json;

  private Condition(Map<String, Object> json) {
    this.json = json;
  }

  public static Condition compile(Map<String, Object> json) {
    for (String k : json.keySet()) {
      if (k.startsWith("$")) {
        throw new InvalidConditionException(k + ": unsupported operator");
      }
    }
    return new Condition(json);
  }

  public static Condition always() {
    return new Condition(Map.of());
  }

  public boolean matches(Map<String, Object> attributes) {
    for (Map.Entry<String, Object> e : json.entrySet()) {
      Object actual = attributes.get(e.getKey());
      Object expected = e.getValue();
      if (expected instanceof Map<?, ?> ops && ops.containsKey("$in")) {
        if (!((java.util.List<?>) ops.get("$in")).contains(actual)) {
          return false;
        }
      } else if (!Objects.equals(actual, expected)) {
        return false;
      }
    }
    return true;
  }
}
