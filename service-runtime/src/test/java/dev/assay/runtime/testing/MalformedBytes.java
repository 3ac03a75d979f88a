package dev.assay.runtime.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Generators of request bytes that are not a valid message of a given protobuf type, each checked
 * against the type's own parser (so every value really is malformed): random bytes, truncated valid
 * messages, invalid tags and wire types, unmatched group ends, malformed varints, nesting beyond
 * protobuf's recursion limit (unknown groups, and {@code google.protobuf.Value} where the type
 * reaches one), and invalid UTF-8 or lone surrogates in a string field (where the type has one).
 */
public final class MalformedBytes {
  /** Field numbers no Assay message uses: bytes under them are unknown fields to every parser. */
  private static final int UNKNOWN_FIELDS_FROM = 5000;

  /** Byte sequences that are not UTF-8: bad continuation, stray bytes, overlong, surrogates. */
  private static final List<byte[]> NOT_UTF8 =
      List.of(
          new byte[] {(byte) 0xC3, 0x28},
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82});

  private MalformedBytes() {}

  /** A request with the method it is sent to; prints as the method and the bytes in hex. */
  public static final class RawRequest {
    private final MethodDescriptor<?, ?> method;
    private final byte[] body;

    RawRequest(MethodDescriptor<?, ?> method, byte[] body) {
      this.method = method;
      this.body = body.clone();
    }

    /** The method to call. */
    public MethodDescriptor<?, ?> method() {
      return method;
    }

    /** The request bytes. */
    public byte[] body() {
      return body.clone();
    }

    @Override
    public String toString() {
      String hex = HexFormat.of().formatHex(body, 0, Math.min(body.length, 96));
      return method.getFullMethodName()
          + " <- "
          + body.length
          + " bytes: "
          + hex
          + (body.length > 96 ? "..." : "");
    }
  }

  /** Malformed requests for any of {@code methods} (protobuf methods), each equally likely. */
  public static Gen<RawRequest> forMethods(List<MethodDescriptor<?, ?>> methods) {
    List<Gen<RawRequest>> perMethod = new ArrayList<>();
    for (MethodDescriptor<?, ?> method : methods) {
      perMethod.add(
          forMessage(RawCalls.requestPrototype(method)).map(body -> new RawRequest(method, body)));
    }
    return Gen.oneOf(perMethod);
  }

  /** Bytes that {@code prototype}'s parser rejects, of every kind this class knows. */
  public static Gen<byte[]> forMessage(Message prototype) {
    Descriptor type = prototype.getDescriptorForType();
    List<Gen<byte[]>> kinds = new ArrayList<>();
    kinds.add(randomBytes());
    kinds.add(truncatedField());
    kinds.add(invalidTag());
    kinds.add(unmatchedGroupEnd());
    kinds.add(malformedVarint());
    kinds.add(deepUnknownGroups());
    byte[] populated = populated(type).toByteArray();
    if (populated.length >= 2) {
      kinds.add(truncated(populated));
    }
    pathTo(type, f -> f.getType() == FieldDescriptor.Type.STRING)
        .ifPresent(path -> kinds.add(invalidUtf8(path)));
    pathTo(
            type,
            f ->
                f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && isValueLike(f.getMessageType()))
        .ifPresent(path -> kinds.add(deepValues(path)));
    Predicate<byte[]> isMalformed = bytes -> !parses(prototype, bytes);
    return Gen.oneOf(kinds).filter(isMalformed);
  }

  /** Whether {@code bytes} parse as {@code prototype}'s type. */
  public static boolean parses(Message prototype, byte[] bytes) {
    try {
      prototype.getParserForType().parseFrom(bytes);
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  static Gen<byte[]> randomBytes() {
    return Gens.bytes(1, 200);
  }

  /** A length-delimited field claiming more bytes than follow. */
  static Gen<byte[]> truncatedField() {
    return Gen.combine(
        unknownField(),
        Gens.ints(1, 100_000),
        randomBytes(),
        (field, excess, tail) -> {
          Wire out = new Wire();
          out.tag(field, 2).varint(tail.length + excess).raw(tail);
          return out.bytes();
        });
  }

  /** Field number zero, or wire type 6 or 7 (neither exists). */
  static Gen<byte[]> invalidTag() {
    return Gen.combine(
        Gens.ints(0, 1000),
        Gen.of(0, 6, 7),
        randomBytes(),
        (field, wireType, tail) -> {
          Wire out = new Wire();
          out.tag(wireType == 0 ? 0 : field, wireType == 0 ? 2 : wireType).raw(tail);
          return out.bytes();
        });
  }

  /** An end-group tag with no group open. */
  static Gen<byte[]> unmatchedGroupEnd() {
    return unknownField().map(field -> new Wire().tag(field, 4).bytes());
  }

  /** A tag varint longer than ten bytes. */
  static Gen<byte[]> malformedVarint() {
    return Gens.ints(11, 20)
        .map(
            n -> {
              byte[] bytes = new byte[n];
              Arrays.fill(bytes, (byte) 0xFF);
              return bytes;
            });
  }

  /** Unknown groups nested past protobuf's recursion limit of 100. */
  static Gen<byte[]> deepUnknownGroups() {
    return Gen.combine(
        unknownField(),
        Gens.ints(101, 400),
        (field, depth) -> {
          Wire out = new Wire();
          for (int i = 0; i < depth; i++) {
            out.tag(field, 3);
          }
          for (int i = 0; i < depth; i++) {
            out.tag(field, 4);
          }
          return out.bytes();
        });
  }

  /** A valid message with most fields set, cut short. */
  static Gen<byte[]> truncated(byte[] valid) {
    return Gens.ints(1, valid.length - 1).map(cut -> Arrays.copyOf(valid, cut));
  }

  /** A string field (reached through {@code path}) holding bytes that are not UTF-8. */
  static Gen<byte[]> invalidUtf8(List<FieldDescriptor> path) {
    Gen<String> ascii = Gens.asciiStrings(0, 20);
    return Gen.combine(
        ascii,
        Gen.of(NOT_UTF8),
        ascii,
        (before, bad, after) -> {
          Wire text = new Wire();
          text.raw(before.getBytes(StandardCharsets.US_ASCII))
              .raw(bad)
              .raw(after.getBytes(StandardCharsets.US_ASCII));
          return wrap(path, text.bytes());
        });
  }

  /** {@code google.protobuf.Value} lists nested past the recursion limit at {@code path}. */
  static Gen<byte[]> deepValues(List<FieldDescriptor> path) {
    return Gens.ints(51, 200)
        .map(
            depth -> {
              byte[] value = new byte[0];
              for (int i = 0; i < depth; i++) {
                byte[] list = new Wire().delimited(1, value).bytes(); // ListValue.values
                value = new Wire().delimited(6, list).bytes(); // Value.list_value
              }
              FieldDescriptor last = path.get(path.size() - 1);
              String target = last.getMessageType().getFullName();
              byte[] payload =
                  switch (target) {
                    case "google.protobuf.Struct" -> {
                      // Struct.fields: a map entry {key: "k", value: <value>}
                      Wire entry = new Wire();
                      entry.delimited(1, new byte[] {'k'}).delimited(2, value);
                      yield new Wire().delimited(1, entry.bytes()).bytes();
                    }
                    case "google.protobuf.ListValue" -> new Wire().delimited(1, value).bytes();
                    default -> value;
                  };
              return wrap(path, payload);
            });
  }

  private static Gen<Integer> unknownField() {
    return Gens.ints(UNKNOWN_FIELDS_FROM, UNKNOWN_FIELDS_FROM + 10_000);
  }

  private static boolean isValueLike(Descriptor type) {
    return Set.of("google.protobuf.Value", "google.protobuf.Struct", "google.protobuf.ListValue")
        .contains(type.getFullName());
  }

  /** {@code payload} as the value of the last field of {@code path}, inside the ones before. */
  private static byte[] wrap(List<FieldDescriptor> path, byte[] payload) {
    byte[] bytes = payload;
    for (int i = path.size() - 1; i >= 0; i--) {
      bytes = new Wire().delimited(path.get(i).getNumber(), bytes).bytes();
    }
    return bytes;
  }

  /**
   * The shortest path of fields from {@code type} to a field matching {@code wanted} (message
   * fields only on the way; map entries count as messages), if any within five levels.
   */
  private static Optional<List<FieldDescriptor>> pathTo(
      Descriptor type, Predicate<FieldDescriptor> wanted) {
    record Step(Descriptor type, List<FieldDescriptor> path) {}
    ArrayDeque<Step> queue = new ArrayDeque<>();
    queue.add(new Step(type, List.of()));
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      for (FieldDescriptor field : step.type().getFields()) {
        List<FieldDescriptor> path = new ArrayList<>(step.path());
        path.add(field);
        if (wanted.test(field)) {
          return Optional.of(path);
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            && path.size() < 5
            && !isValueLike(field.getMessageType())) {
          queue.add(new Step(field.getMessageType(), path));
        }
      }
    }
    return Optional.empty();
  }

  /** A message of {@code type} with every field set (two elements per list), three levels deep. */
  static DynamicMessage populated(Descriptor type) {
    return populated(type, 0);
  }

  private static DynamicMessage populated(Descriptor type, int depth) {
    DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= 3) {
        continue;
      }
      int count = field.isRepeated() ? 2 : 1;
      for (int i = 0; i < count; i++) {
        Object value = sampleValue(field, depth, i);
        if (field.isRepeated()) {
          message.addRepeatedField(field, value);
        } else {
          message.setField(field, value);
        }
      }
    }
    return message.build();
  }

  private static Object sampleValue(FieldDescriptor field, int depth, int index) {
    return switch (field.getJavaType()) {
      case INT -> 7 + index;
      case LONG -> 7L + index;
      case FLOAT -> 1.5f;
      case DOUBLE -> 0.25 + index;
      case BOOLEAN -> true;
      case STRING -> "value-" + index;
      case BYTE_STRING -> ByteString.copyFromUtf8("bytes");
      case ENUM -> {
        List<EnumValueDescriptor> values = field.getEnumType().getValues();
        yield values.get(values.size() > 1 ? 1 : 0);
      }
      case MESSAGE -> populated(field.getMessageType(), depth + 1);
    };
  }

  /** Protobuf wire encoding, written by hand so that it can be wrong on purpose. */
  private static final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Wire tag(int field, int wireType) {
      return varint(((long) field << 3) | wireType);
    }

    Wire varint(long value) {
      long v = value;
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
      return this;
    }

    Wire delimited(int field, byte[] payload) {
      return tag(field, 2).varint(payload.length).raw(payload);
    }

    Wire raw(byte[] bytes) {
      out.write(bytes, 0, bytes.length);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
