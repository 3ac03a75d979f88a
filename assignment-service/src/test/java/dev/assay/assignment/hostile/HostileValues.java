package dev.assay.assignment.hostile;

import com.google.protobuf.FieldMask;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

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

  private HostileValues() {}

  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "a", "country", "id", "e0", "f0", "control", "v1"),
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.of(ODD_STRINGS));
  }

  static Arbitrary<String> experimentKeys() {
    return Arbitraries.oneOf(
        Arbitraries.of(EXPERIMENT_KEYS), Arbitraries.of(EXPERIMENT_KEYS), strings());
  }

  static Arbitrary<String> flagKeys() {
    return Arbitraries.oneOf(Arbitraries.of(FLAG_KEYS), Arbitraries.of(FLAG_KEYS), strings());
  }

  static Arbitrary<String> unitIds() {
    return Arbitraries.oneOf(
        Arbitraries.of("u1", "u2", "user-3"), Arbitraries.strings().alpha().ofLength(8), strings());
  }

  static Arbitrary<List<String>> unitIdLists() {
    return Arbitraries.oneOf(
        unitIds().list().ofMaxSize(4),
        Arbitraries.of(10_001, 1_001).map(n -> java.util.Collections.nCopies(n, "u")),
        // distinct ids only over the limit: 10,000 stored overrides would slow every later dump
        Arbitraries.just(DISTINCT_UNIT_IDS));
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.of(
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
        Arbitraries.doubles(),
        Arbitraries.doubles().between(0, 1));
  }

  /** Weights and coverages: usually sensible, often not. */
  static Arbitrary<Double> fractions() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(0.5, 1.0, 0.0, 0.25)),
        net.jqwik.api.Tuple.of(2, doubles()));
  }

  static Arbitrary<Integer> ints() {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 1, 2, 3, 4, 5, 99, -1, -5, Integer.MAX_VALUE, Integer.MIN_VALUE),
        Arbitraries.integers());
  }

  static Arbitrary<Long> longs() {
    return Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, 2L, -1L, Long.MAX_VALUE, Long.MIN_VALUE), Arbitraries.longs());
  }

  static Arbitrary<Timestamp> timestamps() {
    long now = java.time.Instant.now().getEpochSecond();
    Arbitrary<Long> seconds =
        Arbitraries.oneOf(
            Arbitraries.of(
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
            Arbitraries.longs());
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.of(0, 0, 999_999_999, 1_000_000_000, -1, Integer.MIN_VALUE),
            Arbitraries.integers());
    return Combinators.combine(seconds, nanos)
        .as((s, n) -> Timestamp.newBuilder().setSeconds(s).setNanos(n).build());
  }

  /** Catastrophic, unsupported, oversized and random patterns. */
  static Arbitrary<String> patterns() {
    return Arbitraries.oneOf(
        Arbitraries.of(
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
        Arbitraries.strings().withChars("()[]{}*+?|.^$\\,a1-=!<:").ofMaxLength(24));
  }

  static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  static Value number(double d) {
    return Value.newBuilder().setNumberValue(d).build();
  }

  /** JSON values: small and random, deep, wide, long, non-finite, non-Unicode. */
  static Arbitrary<Value> values() {
    return Arbitraries.oneOf(
        scalars(),
        scalars(),
        Arbitraries.recursive(
            HostileValues::scalars,
            inner ->
                Arbitraries.oneOf(
                    inner.list().ofMaxSize(3).map(HostileValues::list),
                    Arbitraries.maps(strings(), inner)
                        .ofMaxSize(3)
                        .map(m -> struct(Struct.newBuilder().putAllFields(m).build()))),
            0,
            4),
        Arbitraries.of(31, 32, 33, 40).map(HostileValues::nested),
        Arbitraries.of(LONG_LIST, WIDE_STRUCT, DEEP_VALUE));
  }

  private static Arbitrary<Value> scalars() {
    return Arbitraries.oneOf(
        doubles().map(HostileValues::number),
        strings().map(HostileValues::string),
        Arbitraries.of(
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
  static Arbitrary<Struct> conditions() {
    return Arbitraries.oneOf(
        Arbitraries.just(Struct.getDefaultInstance()),
        Arbitraries.of("US", "CA")
            .map(c -> Struct.newBuilder().putFields("country", string(c)).build()),
        Combinators.combine(Arbitraries.of("name", "country", "id", "tags"), patterns())
            .as(
                (attribute, pattern) ->
                    Struct.newBuilder()
                        .putFields(
                            attribute,
                            struct(
                                Struct.newBuilder().putFields("$regex", string(pattern)).build()))
                        .build()),
        Arbitraries.of(9, 17).map(HostileValues::manyRegexes),
        doubles()
            .map(
                d ->
                    Struct.newBuilder()
                        .putFields(
                            "age", struct(Struct.newBuilder().putFields("$gt", number(d)).build()))
                        .build()),
        values().filter(Value::hasStructValue).map(Value::getStructValue),
        Arbitraries.of(31, 33, 300)
            .map(d -> Struct.newBuilder().putFields("a", nested(d)).build()));
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
  static Arbitrary<Struct> attributes() {
    return Arbitraries.oneOf(
        Arbitraries.just(Struct.getDefaultInstance()),
        Combinators.combine(
                Arbitraries.of("name", "country", "id", "tags"),
                Arbitraries.oneOf(
                    Arbitraries.of(
                            ",".repeat(1_000),
                            "a".repeat(8_000),
                            "a".repeat(8_193),
                            "a".repeat(40_000) + "!",
                            "US",
                            "chrome")
                        .map(HostileValues::string),
                    values()))
            .as((k, v) -> Struct.newBuilder().putFields(k, v).build()),
        values().filter(Value::hasStructValue).map(Value::getStructValue),
        Arbitraries.just(WIDE_STRUCT.getStructValue()));
  }

  static Arbitrary<FieldMask> masks(List<String> writable) {
    return Arbitraries.oneOf(
        Arbitraries.just(FieldMask.getDefaultInstance()),
        Arbitraries.of(writable)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(p -> FieldMask.newBuilder().addAllPaths(p).build()),
        strings()
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(p -> FieldMask.newBuilder().addAllPaths(p).build()),
        Arbitraries.just(FieldMask.newBuilder().addPaths("p".repeat(40_000)).build()),
        Arbitraries.just(
            FieldMask.newBuilder()
                .addAllPaths(java.util.Collections.nCopies(10_000, writable.get(0)))
                .build()));
  }

  static Arbitrary<String> pageTokens() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        strings(),
        strings()
            .map(
                k ->
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("k:" + k).getBytes(StandardCharsets.UTF_8))));
  }
}
