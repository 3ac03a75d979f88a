package dev.assay.analysis.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Builds arbitrary instances of any request message by protobuf reflection, mixing plausible values
 * (so that many requests reach the statistics) with hostile ones: extreme doubles (±0, 5e-324,
 * 1e-300, 1e308, ±infinity, NaN, 1 - 1e-16), extreme integers (2^63 - 1, -2^63), empty and huge
 * repeated fields, empty and huge strings, unknown enum numbers. Deterministic for a given {@link
 * SplittableRandom} (the suite uses the one its generator gets for each case).
 */
final class HostileRequests {
  private static final double[] PLAUSIBLE_DOUBLES = {
    0.5, 1, 2, 3, 10, 100, 0.05, 0.95, 0.8, 0.1, 0.2, 0.01, 0.025, 0.3, 0.6, 0.75, 0.9, 1000, 4, 7
  };
  private static final double[] EXTREME_DOUBLES = {
    0.0,
    -0.0,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    1e-300,
    1e-100,
    1e-12,
    1 - 1e-12,
    Math.nextDown(1.0),
    Math.nextUp(1.0),
    1e15,
    -1e15,
    1e100,
    -1e100,
    1e200,
    1e308,
    -1e308,
    Double.MAX_VALUE,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.NaN,
    -1,
    1,
    0.9999999
  };
  private static final long[] EXTREME_LONGS = {
    0,
    -1,
    1,
    2,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    1L << 53,
    1_000_000_000_000_000L,
    1_000_000_000_000_001L,
    Integer.MAX_VALUE,
    -(1L << 62),
    10_000_000
  };
  private static final int[] UNKNOWN_ENUM_NUMBERS = {-5, 4, 5, 99, 1000, Integer.MAX_VALUE, -1};
  private static final int MAX_DEPTH = 6;

  /** Most repeated elements in one request (about 0.8 MB of doubles), whatever the nesting. */
  private static final int MAX_ELEMENTS = 100_000;

  private final SplittableRandom random;
  private int remaining;

  HostileRequests(SplittableRandom random) {
    this.random = random;
  }

  /**
   * A random instance of {@code prototype}'s message type: half the time (when there is a {@link
   * ValidSeeds valid seed}) a valid request with one to three hostile mutations, else one built
   * from scratch.
   */
  Message next(Message prototype) {
    remaining = MAX_ELEMENTS;
    Optional<Message> seed = ValidSeeds.of(prototype);
    if (seed.isPresent() && random.nextBoolean()) {
      Message.Builder builder = seed.get().toBuilder();
      int mutations = 1 + random.nextInt(3);
      for (int i = 0; i < mutations; i++) {
        mutate(builder, 0);
      }
      return builder.build();
    }
    return message(prototype.newBuilderForType(), 0);
  }

  /** Replaces one field, at a random depth, by a hostile value (or resizes a repeated field). */
  private void mutate(Message.Builder builder, int depth) {
    List<FieldDescriptor> fields = builder.getDescriptorForType().getFields();
    FieldDescriptor field = fields.get(random.nextInt(fields.size()));
    boolean isMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (isMessage && field.isRepeated()) {
      int count = builder.getRepeatedFieldCount(field);
      if (count == 0 || random.nextInt(5) == 0) {
        if (random.nextBoolean()) {
          builder.clearField(field);
        } else {
          builder.addRepeatedField(field, message(builder.newBuilderForField(field), depth + 1));
        }
      } else {
        int i = random.nextInt(count);
        Message.Builder element = ((Message) builder.getRepeatedField(field, i)).toBuilder();
        mutate(element, depth + 1);
        builder.setRepeatedField(field, i, element.build());
      }
    } else if (isMessage) {
      Message.Builder child =
          builder.hasField(field)
              ? ((Message) builder.getField(field)).toBuilder()
              : builder.newBuilderForField(field);
      if (depth < MAX_DEPTH) {
        mutate(child, depth + 1);
      }
      builder.setField(field, child.build());
    } else if (field.isRepeated()) {
      int count = builder.getRepeatedFieldCount(field);
      switch (random.nextInt(4)) {
        case 0 -> builder.clearField(field);
        case 1 -> {
          int size = Math.min(remaining, repeatedSize(field));
          remaining -= size;
          for (int i = 0; i < size; i++) {
            builder.addRepeatedField(field, value(builder, field, depth, size > 1000, true));
          }
        }
        default -> {
          if (count == 0) {
            builder.addRepeatedField(field, hostile(field));
          } else {
            builder.setRepeatedField(field, random.nextInt(count), hostile(field));
          }
        }
      }
    } else if (random.nextInt(8) == 0) {
      builder.clearField(field);
    } else {
      builder.setField(field, hostile(field));
    }
  }

  /** A scalar for {@code field}, extreme most of the time. */
  private Object hostile(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case DOUBLE ->
          random.nextInt(10) < 7
              ? EXTREME_DOUBLES[random.nextInt(EXTREME_DOUBLES.length)]
              : nextDouble(false);
      case FLOAT -> (float) EXTREME_DOUBLES[random.nextInt(EXTREME_DOUBLES.length)];
      case LONG ->
          random.nextInt(10) < 6
              ? EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)]
              : nextLong(false);
      case INT -> (int) EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)];
      case ENUM ->
          random.nextBoolean()
              ? field
                  .getEnumType()
                  .findValueByNumberCreatingIfUnknown(
                      UNKNOWN_ENUM_NUMBERS[random.nextInt(UNKNOWN_ENUM_NUMBERS.length)])
              : nextEnum(field.getEnumType());
      default -> value(null, field, 0, false, field.isRepeated());
    };
  }

  private Message message(Message.Builder builder, int depth) {
    Descriptor type = builder.getDescriptorForType();
    for (FieldDescriptor field : type.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null && builder.hasOneof(oneof) && random.nextInt(4) != 0) {
        continue;
      }
      boolean isSet = random.nextInt(10) < (field.hasPresence() ? 7 : 9);
      if (!isSet
          || (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth > MAX_DEPTH)) {
        continue;
      }
      if (field.isRepeated()) {
        int size = Math.min(remaining, repeatedSize(field));
        remaining -= size;
        for (int i = 0; i < size; i++) {
          builder.addRepeatedField(field, value(builder, field, depth, size > 1000, true));
        }
      } else {
        builder.setField(field, value(builder, field, depth, false, false));
      }
    }
    return builder.build();
  }

  private int repeatedSize(FieldDescriptor field) {
    int roll = random.nextInt(100);
    boolean isMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (roll < 12) {
      return 0;
    } else if (roll < 25) {
      return 1;
    } else if (roll < 80) {
      return 2 + random.nextInt(isMessage ? 4 : 30);
    } else if (roll < 96) {
      return 30 + random.nextInt(isMessage ? 60 : 2_000);
    }
    // Huge: a few hundred messages, or up to 60,000 numbers (480 KB).
    return isMessage ? 200 + random.nextInt(400) : 10_000 + random.nextInt(50_000);
  }

  private Object value(
      Message.Builder parent,
      FieldDescriptor field,
      int depth,
      boolean isBulk,
      boolean isRepeated) {
    return switch (field.getJavaType()) {
      case DOUBLE -> nextDouble(isBulk);
      case FLOAT -> (float) nextDouble(isBulk);
      case LONG -> nextLong(isBulk);
      case INT -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, nextLong(isBulk)));
      case BOOLEAN -> random.nextBoolean();
      case STRING -> nextString(isRepeated);
      case BYTE_STRING -> com.google.protobuf.ByteString.copyFromUtf8(nextString(isRepeated));
      case ENUM -> nextEnum(field.getEnumType());
      case MESSAGE -> message(parent.newBuilderForField(field), depth + 1);
    };
  }

  /** Mostly plausible; extreme with probability 1/3 (1/200 inside a huge repeated field). */
  double nextDouble(boolean isBulk) {
    int roll = random.nextInt(isBulk ? 600 : 30);
    if ((roll < 10 && !isBulk) || roll < 3) {
      return EXTREME_DOUBLES[random.nextInt(EXTREME_DOUBLES.length)];
    }
    if (roll < 20) {
      return PLAUSIBLE_DOUBLES[random.nextInt(PLAUSIBLE_DOUBLES.length)];
    }
    return switch (random.nextInt(3)) {
      case 0 -> random.nextDouble();
      case 1 -> random.nextGaussian() * 10;
      default -> Math.rint(random.nextDouble() * 1000);
    };
  }

  long nextLong(boolean isBulk) {
    if (random.nextInt(isBulk ? 500 : 4) == 0) {
      return EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)];
    }
    return random.nextInt(random.nextBoolean() ? 50 : 5_000);
  }

  /** Empty, blank, odd Unicode, or (outside repeated fields, to bound the request) 100 KB. */
  private String nextString(boolean isRepeated) {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> isRepeated ? "x".repeat(100) : "x".repeat(100_000);
      case 2 -> "ünïcödé \uD83D\uDE00 \u0000";
      case 3 -> " ";
      default -> "arm-" + random.nextInt(100);
    };
  }

  private Object nextEnum(EnumDescriptor type) {
    if (random.nextInt(6) == 0) {
      int number = UNKNOWN_ENUM_NUMBERS[random.nextInt(UNKNOWN_ENUM_NUMBERS.length)];
      return type.findValueByNumberCreatingIfUnknown(number);
    }
    List<com.google.protobuf.Descriptors.EnumValueDescriptor> values = type.getValues();
    return values.get(random.nextInt(values.size()));
  }
}
