package dev.assay.bandit.hostile;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.ArmReward;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.EpsilonGreedy;
import dev.assay.bandit.v1.EvaluatePolicyRequest;
import dev.assay.bandit.v1.LinUcb;
import dev.assay.bandit.v1.LoggedDecision;
import dev.assay.bandit.v1.LoggedDecisions;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.TargetPolicy;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.bandit.v1.ThompsonGaussian;
import dev.assay.bandit.v1.Ucb1;
import dev.assay.runtime.testing.Gen;
import dev.assay.runtime.testing.Gen.Weighted;
import dev.assay.runtime.testing.Gens;
import dev.assay.runtime.testing.Hostile;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Generators of hostile bandit requests: extreme doubles, empty and huge strings, unpaired
 * surrogates, huge repeated fields, unknown enum values, out-of-range durations, and decision ids
 * from real to forged. Keys and arm ids are drawn mostly from the fixture bandits of {@link
 * AdversarialSuite}, so that requests reach the deep checks rather than stopping at "not found".
 */
final class HostileRequests {
  /** The fixture bandits every suite creates, and their arms. */
  static final List<String> FIXTURE_KEYS =
      List.of("tb", "tg", "ucb", "eg", "lin", "disc", "sticky");

  static final List<String> FIXTURE_ARMS = List.of("a", "b", "c");

  /** Any character of the Basic Multilingual Plane but the surrogates. */
  private static final Gen<Character> BMP_CHARACTERS =
      Gens.ints(0, 0xFFFF).map(c -> (char) c.intValue()).filter(c -> !Character.isSurrogate(c));

  private HostileRequests() {}

  /** Doubles at and beyond every boundary a check or a computation has. */
  static Gen<Double> doubles() {
    return Gen.frequency(
        Weighted.of(
            6,
            Gen.of(
                0.0,
                -0.0,
                1.0,
                -1.0,
                0.5,
                2.0,
                1e-300,
                Double.MIN_VALUE,
                Double.MIN_NORMAL,
                1e308,
                -1e308,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                1e200,
                -1e200,
                1e10,
                1e9,
                -1e9,
                1e6,
                -1e6,
                1.000001e6,
                1e-6,
                1e-7,
                0.01,
                0.009,
                1e18,
                1e19,
                0.9999999999999999,
                1.0000000000000002,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY)),
        Weighted.of(2, Gens.doubles(-10, 10)),
        Weighted.of(1, Hostile.finiteDoubles()));
  }

  /**
   * Strings: mostly {@code likely} (fixture names), else empty, odd characters, unpaired
   * surrogates, {@link Hostile#strings} (control and format characters, non-BMP, up to 100,000
   * characters), too long for a key, and very long ones.
   */
  static Gen<String> strings(List<String> likely) {
    return Gen.frequency(
        Weighted.of(10, Gen.of(likely)),
        Weighted.of(2, Gen.of("", " ", "a}b", "{bandit:x}", "..", "\u0000", "\ud800", "é")),
        Weighted.of(2, Gens.strings(BMP_CHARACTERS, 0, 40)),
        Weighted.of(1, Hostile.strings()),
        Weighted.of(1, Gens.strings(Gen.of('k', '-'), 129, 300)),
        Weighted.of(1, Gen.of(1_000, 40_000, 300_000).map("x"::repeat)));
  }

  static Gen<String> keys() {
    return strings(FIXTURE_KEYS);
  }

  static Gen<String> armIds() {
    return strings(FIXTURE_ARMS);
  }

  /** Lists of doubles: empty, the LinUCB dimension (3), and very long. */
  static Gen<List<Double>> contexts() {
    return Gen.frequency(
        Weighted.of(4, doubles().list(3, 3)),
        Weighted.of(2, doubles().list(0, 5)),
        Weighted.of(1, doubles().list(60, 70)),
        Weighted.of(1, Gen.of(1_000, 20_000).map(n -> Collections.nCopies(n, 1.0))));
  }

  /** Durations, valid and not (seconds beyond ±10,000 years, nanos out of range or mixed sign). */
  static Gen<Duration> durations() {
    Gen<Long> seconds =
        Gen.frequency(
            Weighted.of(
                3,
                Gen.of(
                    0L,
                    1L,
                    -1L,
                    3600L,
                    2_592_000L,
                    2_592_001L,
                    315_576_000_000L,
                    315_576_000_001L,
                    Long.MAX_VALUE,
                    Long.MIN_VALUE)),
            Weighted.of(1, Hostile.longs()));
    Gen<Integer> nanos = Gen.of(0, 1, -1, 999_999_999, 1_000_000_000, -5);
    return Gen.combine(
        seconds, nanos, (s, n) -> Duration.newBuilder().setSeconds(s).setNanos(n).build());
  }

  /** Every policy kind with hostile settings, or none set. */
  static Gen<PolicyConfig> policies() {
    Gen<Double> d = doubles();
    Gen<PolicyConfig> bernoulli =
        random ->
            PolicyConfig.newBuilder()
                .setThompsonBernoulli(
                    ThompsonBernoulli.newBuilder()
                        .setPriorAlpha(d.next(random))
                        .setPriorBeta(d.next(random)))
                .build();
    Gen<PolicyConfig> gaussian =
        random ->
            PolicyConfig.newBuilder()
                .setThompsonGaussian(
                    ThompsonGaussian.newBuilder()
                        .setPriorMean(d.next(random))
                        .setPriorPrecisionWeight(d.next(random))
                        .setPriorShape(d.next(random))
                        .setPriorRate(d.next(random)))
                .build();
    Gen<PolicyConfig> ucb =
        d.map(c -> PolicyConfig.newBuilder().setUcb1(Ucb1.newBuilder().setExploration(c)).build());
    Gen<PolicyConfig> greedy =
        random ->
            PolicyConfig.newBuilder()
                .setEpsilonGreedy(
                    EpsilonGreedy.newBuilder()
                        .setEpsilon(d.next(random))
                        .setDecay(d.next(random))
                        .setPriorMean(d.next(random))
                        .setPriorWeight(d.next(random)))
                .build();
    Gen<PolicyConfig> lin =
        Gen.combine(
            Gen.of(-1, 0, 1, 3, 64, 65, Integer.MAX_VALUE),
            d,
            d,
            (dim, alpha, ridge) ->
                PolicyConfig.newBuilder()
                    .setLinUcb(
                        LinUcb.newBuilder().setDimension(dim).setAlpha(alpha).setRidge(ridge))
                    .build());
    return Gen.oneOf(
        bernoulli, gaussian, ucb, greedy, lin, Gen.constant(PolicyConfig.getDefaultInstance()));
  }

  /** Bandits as Create and Update carry them. */
  static Gen<Bandit> bandits() {
    Gen<List<Arm>> arms =
        Gen.frequency(
            Weighted.of(
                5,
                Gen.combine(
                        armIds(),
                        Gens.booleans(),
                        (id, retired) -> Arm.newBuilder().setId(id).setRetired(retired).build())
                    .list(0, 4)),
            Weighted.of(
                1,
                Gen.of(1_000, 1_001, 5_000)
                    .map(
                        n ->
                            IntStream.range(0, n)
                                .mapToObj(i -> Arm.newBuilder().setId("arm" + i).build())
                                .toList())));
    Gen<String> keys =
        Gen.frequency(Weighted.of(1, keys()), Weighted.of(3, keys().map(k -> "gen-" + k)));
    Gen<String> descriptions = armIds();
    Gen<PolicyConfig> policies = policies();
    Gen<Duration> durations = durations();
    Gen<Integer> states = Gen.of(0, 1, 2, 99, -5);
    Gen<Long> versions = Hostile.longs();
    return random ->
        Bandit.newBuilder()
            .setKey(keys.next(random))
            .setDescription(descriptions.next(random))
            .addAllArms(arms.next(random))
            .setPolicy(policies.next(random))
            .setDecisionTtl(durations.next(random))
            .setDiscountHalfLife(durations.next(random))
            .setStickyDuration(durations.next(random))
            .setStateValue(states.next(random))
            .setVersion(versions.next(random))
            .build();
  }

  /** Update masks: the allowed paths, unknown ones, and a 40,000-character one. */
  static Gen<FieldMask> masks() {
    Gen<String> path =
        Gen.frequency(
            Weighted.of(
                6,
                Gen.of(
                    "description",
                    "arms",
                    "policy",
                    "decision_ttl",
                    "discount_half_life",
                    "sticky_duration")),
            Weighted.of(1, Gen.of("key", "version", "state", "", "policy.lin_ucb.ridge")),
            Weighted.of(1, Gen.constant("p".repeat(40_000))));
    return path.list(0, 4).map(p -> FieldMask.newBuilder().addAllPaths(p).build());
  }

  /** Backfill entries: a few hostile ones, or one more than a request may carry. */
  static Gen<List<ArmReward>> armRewards() {
    Gen<ArmReward> one =
        Gen.combine(
            armIds(),
            doubles(),
            contexts(),
            (arm, reward, context) ->
                ArmReward.newBuilder()
                    .setArmId(arm)
                    .setReward(reward)
                    .addAllContext(context)
                    .build());
    return Gen.frequency(
        Weighted.of(6, one.list(0, 4)),
        Weighted.of(
            1,
            Gen.constant(
                Collections.nCopies(
                    10_001, ArmReward.newBuilder().setArmId("a").setReward(1).build()))));
  }

  /** Off-policy evaluation requests: a bandit's log or caller records, and every target. */
  static Gen<EvaluatePolicyRequest> evaluations() {
    Gen<List<Double>> contexts = contexts();
    Gen<String> armIds = armIds();
    Gen<Double> doubles = doubles();
    Gen<LoggedDecision> decision =
        random -> {
          List<Double> context = contexts.next(random);
          return LoggedDecision.newBuilder()
              .addAllContext(context.size() > 100 ? context.subList(0, 100) : context)
              .setArmId(armIds.next(random))
              .setPropensity(doubles.next(random))
              .setReward(doubles.next(random))
              .build();
        };
    Gen<LoggedDecision> plain =
        Gen.combine(
            Gen.of(FIXTURE_ARMS),
            Gen.of(0.25, 0.5, 1.0, 1e-300, Double.MIN_VALUE),
            (arm, p) ->
                LoggedDecision.newBuilder()
                    .setArmId(arm)
                    .setPropensity(p)
                    .setReward(p)
                    .addAllContext(List.of(0.5, -1.0, 2.0))
                    .build());
    Gen<LoggedDecisions> records =
        Gen.frequency(
                Weighted.of(3, decision.list(0, 6)),
                Weighted.of(3, plain.list(2, 40)),
                Weighted.of(1, Gen.constant(manyArms(5_000))))
            .map(list -> LoggedDecisions.newBuilder().addAllDecisions(list).build());
    Gen<TargetPolicy> target =
        Gen.oneOf(
            armIds.map(a -> TargetPolicy.newBuilder().setFixedArmId(a).build()),
            Gens.booleans().map(u -> TargetPolicy.newBuilder().setUniform(u).build()),
            keys().map(k -> TargetPolicy.newBuilder().setBanditKey(k).build()),
            policies().map(p -> TargetPolicy.newBuilder().setPolicy(p).build()),
            Gen.constant(TargetPolicy.getDefaultInstance()));
    Gen<EvaluatePolicyRequest> fromLog =
        Gen.combine(
            keys(),
            target,
            (k, t) ->
                EvaluatePolicyRequest.newBuilder().setLoggedBanditKey(k).setTarget(t).build());
    Gen<EvaluatePolicyRequest> fromRecords =
        Gen.combine(
            records,
            target,
            (r, t) -> EvaluatePolicyRequest.newBuilder().setDecisions(r).setTarget(t).build());
    return Gen.oneOf(
        fromLog,
        fromRecords,
        target.map(t -> EvaluatePolicyRequest.newBuilder().setTarget(t).build()));
  }

  /** {@code count} caller records over 1,001 distinct arms: one arm past the limit. */
  private static List<LoggedDecision> manyArms(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                LoggedDecision.newBuilder()
                    .setArmId("arm" + (i % 1_001))
                    .setPropensity(0.5)
                    .setReward(1)
                    .build())
        .toList();
  }
}
