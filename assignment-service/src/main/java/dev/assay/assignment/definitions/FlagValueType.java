package dev.assay.assignment.definitions;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The type of a feature flag's values. */
public enum FlagValueType {
  BOOL,
  STRING,
  NUMBER,
  JSON;

  /**
   * Whether {@code value} (plain Java JSON) has this type. JSON accepts anything, including null.
   */
  public boolean accepts(@Nullable Object value) {
    return switch (this) {
      case BOOL -> value instanceof Boolean;
      case STRING -> value instanceof String;
      case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue());
      case JSON ->
          value == null
              || value instanceof Map
              || value instanceof List
              || value instanceof String
              || value instanceof Number
              || value instanceof Boolean;
    };
  }
}
