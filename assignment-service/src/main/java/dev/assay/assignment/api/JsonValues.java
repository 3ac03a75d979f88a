package dev.assay.assignment.api;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between protobuf's JSON types (Struct, Value) and the plain Java JSON the domain uses:
 * Map (insertion-ordered), List, String, Double, Boolean and null.
 */
final class JsonValues {
  private JsonValues() {}

  /** A Struct as a mutable, insertion-ordered map. */
  static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> map = new LinkedHashMap<>(Math.max(4, struct.getFieldsCount() * 2));
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      map.put(field.getKey(), toJava(field.getValue()));
    }
    return map;
  }

  /** A Value as plain Java; an unset Value is null. */
  static @Nullable Object toJava(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> value.getNumberValue();
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> toMap(value.getStructValue());
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>(value.getListValue().getValuesCount());
        value.getListValue().getValuesList().forEach(v -> list.add(toJava(v)));
        yield list;
      }
    };
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
