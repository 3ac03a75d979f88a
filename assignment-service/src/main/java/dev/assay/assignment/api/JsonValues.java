package dev.assay.assignment.api;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.assignment.definitions.JsonRules;
import dev.assay.runtime.errors.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between protobuf's JSON types (Struct, Value) and the plain Java JSON the domain uses:
 * Map (insertion-ordered), List, String, Double, Boolean and null.
 *
 * <p>A message reaching the service in-process is not parsed, so no parser bounds its nesting: the
 * conversion refuses anything nested deeper than {@link JsonRules#maxDepth()} (as {@code
 * INVALID_ARGUMENT} naming the field) before the recursion could exhaust the stack. Every other
 * JSON rule is checked by the domain's validators.
 */
final class JsonValues {
  private static final int MAX_DEPTH = JsonRules.DEFINITION.maxDepth();

  /**
   * A Struct with more members than any JSON rule allows values is refused before conversion, so
   * converting never costs more than the rules would accept.
   */
  private static final int MAX_MEMBERS = JsonRules.DEFINITION.maxValues();

  private JsonValues() {}

  /** A Struct as a mutable, insertion-ordered map; {@code field} names it in a violation. */
  static Map<String, Object> toMap(Struct struct, String field) {
    return toMap(struct, field, 1);
  }

  /** A Value as plain Java (an unset Value is null); {@code field} names it in a violation. */
  static @Nullable Object toJava(Value value, String field) {
    return toJava(value, field, 0);
  }

  private static Map<String, Object> toMap(Struct struct, String field, int depth) {
    if (depth > MAX_DEPTH) {
      throw tooDeep(field);
    }
    if (struct.getFieldsCount() > MAX_MEMBERS) {
      throw tooMany(field);
    }
    Map<String, Object> map = new LinkedHashMap<>(Math.max(4, struct.getFieldsCount() * 2));
    for (Map.Entry<String, Value> member : struct.getFieldsMap().entrySet()) {
      map.put(member.getKey(), toJava(member.getValue(), field, depth));
    }
    return map;
  }

  private static @Nullable Object toJava(Value value, String field, int depth) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> value.getNumberValue();
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> toMap(value.getStructValue(), field, depth + 1);
      case LIST_VALUE -> {
        if (depth + 1 > MAX_DEPTH) {
          throw tooDeep(field);
        }
        if (value.getListValue().getValuesCount() > MAX_MEMBERS) {
          throw tooMany(field);
        }
        List<Object> list = new ArrayList<>(value.getListValue().getValuesCount());
        for (Value element : value.getListValue().getValuesList()) {
          list.add(toJava(element, field, depth + 1));
        }
        yield list;
      }
    };
  }

  private static ValidationException tooMany(String field) {
    return ValidationException.of(field, "has more than " + MAX_MEMBERS + " values");
  }

  private static ValidationException tooDeep(String field) {
    return ValidationException.of(field, "nests deeper than " + MAX_DEPTH + " levels");
  }

  /** A map as a Struct. */
  static Struct toStruct(Map<String, Object> map) {
    Struct.Builder struct = Struct.newBuilder();
    map.forEach((k, v) -> struct.putFields(k, toValue(v)));
    return struct.build();
  }

  /** Plain Java as a Value. */
  @SuppressWarnings("unchecked")
  static Value toValue(@Nullable Object java) {
    if (java == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (java instanceof String s) {
      return Value.newBuilder().setStringValue(s).build();
    }
    if (java instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    if (java instanceof Number n) {
      return Value.newBuilder().setNumberValue(n.doubleValue()).build();
    }
    if (java instanceof Map<?, ?> m) {
      return Value.newBuilder().setStructValue(toStruct((Map<String, Object>) m)).build();
    }
    if (java instanceof List<?> list) {
      ListValue.Builder values = ListValue.newBuilder();
      list.forEach(item -> values.addValues(toValue(item)));
      return Value.newBuilder().setListValue(values).build();
    }
    throw new IllegalArgumentException("not a JSON value: " + java.getClass());
  }
}
