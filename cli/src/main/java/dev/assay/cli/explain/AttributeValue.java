package dev.assay.cli.explain;

import com.google.protobuf.NullValue;
import com.google.protobuf.Value;
import java.util.regex.Pattern;

/**
 * An {@code --attr} value: a JSON number, {@code true}, {@code false} or {@code null}, else text.
 */
final class AttributeValue {
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private AttributeValue() {}

  static Value parse(String text) {
    return switch (text) {
      case "true" -> Value.newBuilder().setBoolValue(true).build();
      case "false" -> Value.newBuilder().setBoolValue(false).build();
      case "null" -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      default -> {
        if (JSON_NUMBER.matcher(text).matches()) {
          double number = Double.parseDouble(text);
          if (Double.isFinite(number)) {
            yield Value.newBuilder().setNumberValue(number).build();
          }
        }
        yield Value.newBuilder().setStringValue(text).build();
      }
    };
  }
}
