package dev.assay.assignment.hostile;

import com.google.protobuf.FieldMask;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.assay.runtime.testing.Gen;
import dev.assay.runtime.testing.Gen.Weighted;
import dev.assay.runtime.testing.Gens;
import dev.assay.runtime.testing.Hostile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Generators of hostile field values: extreme doubles, huge, empty and non-Unicode strings, deep
 * and wide JSON, unknown enum numbers, out-of-range timestamps and catastrophic regular
 * expressions, mixed with valid values so that requests get past the first check often enough.
 */
final class HostileValues {
  /** Keys the suite's definitions use, so that generated requests often hit something real. */
  static final List<String> EXPERIMENT_KEYS = List.of("e0", "e1", "e2", "e3");

  static final List<String> FLAG_KEYS = List.of("f0", "f1", "f2", "f3");

  /** Built once: lone surrogates, control characters, and strings just over and far over limits. */
  private static final List<String> ODD_STRINGS =
      List.of(
          "\uD800",
          "a\uDC00b",
          "\uDBFF\uDFFF",
          "😀",
          "\u0000",
          "a".repeat(129),
          "a".repeat(257),
          "é".repeat(1025),
          "a".repeat(40_000),
          ",".repeat(1_000),
          "x".repeat(70_000));

  /** Built once, like the other large values: generating them per try would dominate the run. */
  private static final List<String> DISTINCT_UNIT_IDS =
      java.util.stream.IntStream.range(0, 10_001).mapToObj(i -> "u" + i).toList();

  private static final Value LONG_LIST = list(java.util.Collections.nCopies(20_000, number(1)));
  private static final Value WIDE_STRUCT = wideStruct(10_001);
  private static final Value DEEP_VALUE = nested(300);

  /** ASCII letters, for plausible unit ids. */
  private static final Gen<Character> LETTERS =
      charsOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

  private HostileValues() {}

  static Gen<String> strings() {
    return Gen.oneOf(
        Gen.of("", "a", "country", "id", "e0", "f0", "control", "v1"),
        Gens.strings(Gens.ints(0, Character.MAX_VALUE).map(c -> (char) c.intValue()), 0, 12),
        Gen.of(ODD_STRINGS));
  }

  static Gen<String> experimentKeys() {
    return Gen.oneOf(Gen.of(EXPERIMENT_KEYS), Gen.of(EXPERIMENT_KEYS), strings());
  }

  static Gen<String> flagKeys() {
    return Gen.oneOf(Gen.of(FLAG_KEYS), Gen.of(FLAG_KEYS), strings());
  }

  static Gen<String> unitIds() {
    return Gen.oneOf(Gen.of("u1", "u2", "user-3"), Gens.strings(LETTERS, 8, 8), strings());
  }

  static Gen<List<String>> unitIdLists() {
    return Gen.oneOf(
        unitIds().list(0, 4),
        Gen.of(10_001, 1_001).map(n -> java.util.Collections.nCopies(n, "u")),
        // distinct ids only over the limit: 10,000 stored overrides would slow every later dump
        Gen.constant(DISTINCT_UNIT_IDS));
  }

  static Gen<Double> doubles() {
    return Gen.oneOf(
        Gen.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            0.0,
            -0.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1e-300,
            1e308,
            0.9999999999999999,
            1.0000000000000002,
            -1.0,
            2.0),
        Hostile.finiteDoubles(),
        Gens.doubles(0, 1));
  }

  /** Weights and coverages: usually sensible, often not. */
  static Gen<Double> fractions() {
    return Gen.frequency(Weighted.of(3, Gen.of(0.5, 1.0, 0.0, 0.25)), Weighted.of(2, doubles()));
  }

  static Gen<Integer> ints() {
    return Gen.oneOf(
        Gen.of(0, 1, 2, 3, 4, 5, 99, -1, -5, Integer.MAX_VALUE, Integer.MIN_VALUE),
        Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  static Gen<Long> longs() {
    return Gen.oneOf(
        Gen.of(0L, 1L, 2L, -1L, Long.MAX_VALUE, Long.MIN_VALUE),
        Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  static Gen<Timestamp> timestamps() {
    long now = java.time.Instant.now().getEpochSecond();
    Gen<Long> seconds =
        Gen.oneOf(
            Gen.of(
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                -62_135_596_801L,
                -62_135_596_800L,
                253_402_300_799L,
                253_402_300_800L,
                0L,
                now - 86_400,
                now + 86_400,
                now + 30 * 86_400),
            Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
    Gen<Integer> nanos =
        Gen.oneOf(
            Gen.of(0, 0, 999_999_999, 1_000_000_000, -1, Integer.MIN_VALUE),
            Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
    return Gen.combine(
        seconds, nanos, (s, n) -> Timestamp.newBuilder().setSeconds(s).setNanos(n).build());
  }

  /** Catastrophic, unsupported, oversized and random patterns. */
  static Gen<String> patterns() {
    return Gen.oneOf(
        Gen.of(
            "(.*,){6}X",
            "^(a+)+$",
            "a*b",
            "(a|aa)*c",
            "^(?=.*C)[A-Z]+$",
            "Z(?!x)",
            "(?<=a)b",
            "(a)\\1",
            "(?<n>a)\\k<n>",
            "a{1001}",
            "a{2,1}",
            "(a{1000}){1000}",
            "((a{100}){100}){100}",
            "(.{1,20}){1,45}X",
            "(.*a)?".repeat(140) + "X",
            "x".repeat(1_001),
            "[",
            "(",
            "\\",
            "^chr",
            "^[a-z]+$",
            ""),
        Gens.strings(charsOf("()[]{}*+?|.^$\\,a1-=!<:"), 0, 24));
  }

  static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  static Value number(double d) {
    return Value.newBuilder().setNumberValue(d).build();
  }

  /** JSON values: small and random, deep, wide, long, non-finite, non-Unicode. */
  static Gen<Value> values() {
    return Gen.oneOf(
        scalars(),
        scalars(),
        Gens.ints(0, 4).flatMap(HostileValues::containers),
        Gen.of(31, 32, 33, 40).map(HostileValues::nested),
        Gen.of(LONG_LIST, WIDE_STRUCT, DEEP_VALUE));
  }

  /**
   * Random JSON up to {@code depth} levels of lists and objects (up to three elements each) above
   * the scalars; depth 0 is a scalar.
   */
  private static Gen<Value> containers(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Gen<Value> inner = Gen.oneOf(scalars(), random -> containers(depth - 1).next(random));
    Gen<Value> lists = inner.list(0, 3).map(HostileValues::list);
    Gen<Value> structs =
        Gen.combine(strings(), inner, Map::entry)
            .list(0, 3)
            .map(
                entries -> {
                  Struct.Builder s = Struct.newBuilder();
                  entries.forEach(e -> s.putFields(e.getKey(), e.getValue()));
                  return struct(s.build());
                });
    return Gen.oneOf(lists, structs);
  }

  private static Gen<Value> scalars() {
    return Gen.oneOf(
        doubles().map(HostileValues::number),
        strings().map(HostileValues::string),
        Gen.of(
            Value.newBuilder().setBoolValue(true).build(),
            Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build(),
            Value.getDefaultInstance()));
  }

  static Value list(List<Value> values) {
    return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(values)).build();
  }

  static Value struct(Struct s) {
    return Value.newBuilder().setStructValue(s).build();
  }

  /** Objects and arrays alternately nested {@code depth} levels deep around a number. */
  static Value nested(int depth) {
    Value v = number(1);
    for (int i = 0; i < depth; i++) {
      v = i % 2 == 0 ? struct(Struct.newBuilder().putFields("a", v).build()) : list(List.of(v));
    }
    return v;
  }

  static Value wideStruct(int fields) {
    Struct.Builder s = Struct.newBuilder();
    for (int i = 0; i < fields; i++) {
      s.putFields("k" + i, number(i));
    }
    return struct(s.build());
  }

  /** Conditions: sensible, regex-laden, non-finite, deep, or random JSON. */
  static Gen<Struct> conditions() {
    return Gen.oneOf(
        Gen.constant(Struct.getDefaultInstance()),
        Gen.of("US", "CA").map(c -> Struct.newBuilder().putFields("country", string(c)).build()),
        Gen.combine(
            Gen.of("name", "country", "id", "tags"),
            patterns(),
            (attribute, pattern) ->
                Struct.newBuilder()
                    .putFields(
                        attribute,
                        struct(Struct.newBuilder().putFields("$regex", string(pattern)).build()))
                    .build()),
        Gen.of(9, 17).map(HostileValues::manyRegexes),
        doubles()
            .map(
                d ->
                    Struct.newBuilder()
                        .putFields(
                            "age", struct(Struct.newBuilder().putFields("$gt", number(d)).build()))
                        .build()),
        values().filter(Value::hasStructValue).map(Value::getStructValue),
        Gen.of(31, 33, 300).map(d -> Struct.newBuilder().putFields("a", nested(d)).build()));
  }

  private static Struct manyRegexes(int count) {
    ListValue.Builder any = ListValue.newBuilder();
    for (int i = 0; i < count; i++) {
      any.addValues(
          struct(
              Struct.newBuilder()
                  .putFields(
                      "name",
                      struct(Struct.newBuilder().putFields("$regex", string("^a" + i)).build()))
                  .build()));
    }
    return Struct.newBuilder()
        .putFields("$or", Value.newBuilder().setListValue(any).build())
        .build();
  }

  /** A unit's attributes: plain, with long values that regexes meet, or hostile JSON. */
  static Gen<Struct> attributes() {
    return Gen.oneOf(
        Gen.constant(Struct.getDefaultInstance()),
        Gen.combine(
            Gen.of("name", "country", "id", "tags"),
            Gen.oneOf(
                Gen.of(
                        ",".repeat(1_000),
                        "a".repeat(8_000),
                        "a".repeat(8_193),
                        "a".repeat(40_000) + "!",
                        "US",
                        "chrome")
                    .map(HostileValues::string),
                values()),
            (k, v) -> Struct.newBuilder().putFields(k, v).build()),
        values().filter(Value::hasStructValue).map(Value::getStructValue),
        Gen.constant(WIDE_STRUCT.getStructValue()));
  }

  static Gen<FieldMask> masks(List<String> writable) {
    return Gen.oneOf(
        Gen.constant(FieldMask.getDefaultInstance()),
        Gen.of(writable).list(1, 3).map(p -> FieldMask.newBuilder().addAllPaths(p).build()),
        strings().list(1, 3).map(p -> FieldMask.newBuilder().addAllPaths(p).build()),
        Gen.constant(FieldMask.newBuilder().addPaths("p".repeat(40_000)).build()),
        Gen.constant(
            FieldMask.newBuilder()
                .addAllPaths(java.util.Collections.nCopies(10_000, writable.get(0)))
                .build()));
  }

  static Gen<String> pageTokens() {
    return Gen.oneOf(
        Gen.constant(""),
        strings(),
        strings()
            .map(
                k ->
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("k:" + k).getBytes(StandardCharsets.UTF_8))));
  }

  /** Any one of {@code chars}. */
  private static Gen<Character> charsOf(String chars) {
    return Gens.ints(0, chars.length() - 1).map(chars::charAt);
  }
}
