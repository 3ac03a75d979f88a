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
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

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

  private HostileRequests() {}

  /** Doubles at and beyond every boundary a check or a computation has. */
  static Arbitrary<Double> doubles() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.of(
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
        Tuple.of(2, Arbitraries.doubles().between(-10, 10)),
        Tuple.of(1, Arbitraries.doubles()));
  }

  /** Strings: fixture names, empty, odd characters, unpaired surrogates, and very long ones. */
  static Arbitrary<String> strings(List<String> likely) {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of(likely)),
        Tuple.of(2, Arbitraries.of("", " ", "a}b", "{bandit:x}", "..", "\u0000", "\ud800", "é")),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)),
        Tuple.of(1, Arbitraries.strings().withChars('k', '-').ofMinLength(129).ofMaxLength(300)),
        Tuple.of(1, Arbitraries.of(1_000, 40_000, 300_000).map("x"::repeat)));
  }

  static Arbitrary<String> keys() {
    return strings(FIXTURE_KEYS);
  }

  static Arbitrary<String> armIds() {
    return strings(FIXTURE_ARMS);
  }

  /** Lists of doubles: empty, the LinUCB dimension (3), and very long. */
  static Arbitrary<List<Double>> contexts() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, doubles().list().ofSize(3)),
        Tuple.of(2, doubles().list().ofMaxSize(5)),
        Tuple.of(1, doubles().list().ofMinSize(60).ofMaxSize(70)),
        Tuple.of(1, Arbitraries.of(1_000, 20_000).map(n -> java.util.Collections.nCopies(n, 1.0))));
  }

  /** Durations, valid and not (seconds beyond ±10,000 years, nanos out of range or mixed sign). */
  static Arbitrary<Duration> durations() {
    Arbitrary<Long> seconds =
        Arbitraries.frequencyOf(
            Tuple.of(
                3,
                Arbitraries.of(
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
            Tuple.of(1, Arbitraries.longs()));
    Arbitrary<Integer> nanos = Arbitraries.of(0, 1, -1, 999_999_999, 1_000_000_000, -5);
    return Combinators.combine(seconds, nanos)
        .as((s, n) -> Duration.newBuilder().setSeconds(s).setNanos(n).build());
  }

  /** Every policy kind with hostile settings, or none set. */
  static Arbitrary<PolicyConfig> policies() {
    Arbitrary<Double> d = doubles();
    Arbitrary<PolicyConfig> bernoulli =
        Combinators.combine(d, d)
            .as(
                (a, b) ->
                    PolicyConfig.newBuilder()
                        .setThompsonBernoulli(
                            ThompsonBernoulli.newBuilder().setPriorAlpha(a).setPriorBeta(b))
                        .build());
    Arbitrary<PolicyConfig> gaussian =
        Combinators.combine(d, d, d, d)
            .as(
                (m, k, s, r) ->
                    PolicyConfig.newBuilder()
                        .setThompsonGaussian(
                            ThompsonGaussian.newBuilder()
                                .setPriorMean(m)
                                .setPriorPrecisionWeight(k)
                                .setPriorShape(s)
                                .setPriorRate(r))
                        .build());
    Arbitrary<PolicyConfig> ucb =
        d.map(c -> PolicyConfig.newBuilder().setUcb1(Ucb1.newBuilder().setExploration(c)).build());
    Arbitrary<PolicyConfig> greedy =
        Combinators.combine(d, d, d, d)
            .as(
                (e, decay, m, w) ->
                    PolicyConfig.newBuilder()
                        .setEpsilonGreedy(
                            EpsilonGreedy.newBuilder()
                                .setEpsilon(e)
                                .setDecay(decay)
                                .setPriorMean(m)
                                .setPriorWeight(w))
                        .build());
    Arbitrary<PolicyConfig> lin =
        Combinators.combine(Arbitraries.of(-1, 0, 1, 3, 64, 65, Integer.MAX_VALUE), d, d)
            .as(
                (dim, alpha, ridge) ->
                    PolicyConfig.newBuilder()
                        .setLinUcb(
                            LinUcb.newBuilder().setDimension(dim).setAlpha(alpha).setRidge(ridge))
                        .build());
    return Arbitraries.oneOf(
        bernoulli, gaussian, ucb, greedy, lin, Arbitraries.just(PolicyConfig.getDefaultInstance()));
  }

  /** Bandits as Create and Update carry them. */
  static Arbitrary<Bandit> bandits() {
    Arbitrary<List<Arm>> arms =
        Arbitraries.frequencyOf(
            Tuple.of(
                5,
                Combinators.combine(armIds(), Arbitraries.of(true, false))
                    .as((id, retired) -> Arm.newBuilder().setId(id).setRetired(retired).build())
                    .list()
                    .ofMaxSize(4)),
            Tuple.of(
                1,
                Arbitraries.of(1_000, 1_001, 5_000)
                    .map(
                        n ->
                            java.util.stream.IntStream.range(0, n)
                                .mapToObj(i -> Arm.newBuilder().setId("arm" + i).build())
                                .toList())));
    Arbitrary<Bandit> base =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(1, keys()), Tuple.of(3, keys().map(k -> "gen-" + k))),
                armIds(),
                arms,
                policies(),
                durations(),
                durations())
            .as(
                (key, description, armList, policy, ttl, halfLife) ->
                    Bandit.newBuilder()
                        .setKey(key)
                        .setDescription(description)
                        .addAllArms(armList)
                        .setPolicy(policy)
                        .setDecisionTtl(ttl)
                        .setDiscountHalfLife(halfLife)
                        .build());
    return Combinators.combine(
            base, durations(), Arbitraries.of(0, 1, 2, 99, -5), Arbitraries.longs())
        .as(
            (b, sticky, state, version) ->
                b.toBuilder()
                    .setStickyDuration(sticky)
                    .setStateValue(state)
                    .setVersion(version)
                    .build());
  }

  /** Update masks: the allowed paths, unknown ones, and a 40,000-character one. */
  static Arbitrary<FieldMask> masks() {
    Arbitrary<String> path =
        Arbitraries.frequencyOf(
            Tuple.of(
                6,
                Arbitraries.of(
                    "description",
                    "arms",
                    "policy",
                    "decision_ttl",
                    "discount_half_life",
                    "sticky_duration")),
            Tuple.of(1, Arbitraries.of("key", "version", "state", "", "policy.lin_ucb.ridge")),
            Tuple.of(1, Arbitraries.just("p".repeat(40_000))));
    return path.list().ofMaxSize(4).map(p -> FieldMask.newBuilder().addAllPaths(p).build());
  }

  /** Backfill entries. */
  static Arbitrary<List<ArmReward>> armRewards() {
    Arbitrary<ArmReward> one =
        Combinators.combine(armIds(), doubles(), contexts())
            .as(
                (arm, reward, context) ->
                    ArmReward.newBuilder()
                        .setArmId(arm)
                        .setReward(reward)
                        .addAllContext(context)
                        .build());
    return Arbitraries.frequencyOf(
        Tuple.of(6, one.list().ofMaxSize(4)),
        Tuple.of(
            1,
            Arbitraries.of(10_001)
                .map(
                    n ->
                        java.util.Collections.nCopies(
                            n, ArmReward.newBuilder().setArmId("a").setReward(1).build()))));
  }

  /** Off-policy evaluation requests: a bandit's log or caller records, and every target. */
  static Arbitrary<EvaluatePolicyRequest> evaluations() {
    Arbitrary<LoggedDecision> decision =
        Combinators.combine(contexts(), armIds(), doubles(), doubles())
            .as(
                (context, arm, propensity, reward) ->
                    LoggedDecision.newBuilder()
                        .addAllContext(context.size() > 100 ? context.subList(0, 100) : context)
                        .setArmId(arm)
                        .setPropensity(propensity)
                        .setReward(reward)
                        .build());
    Arbitrary<LoggedDecision> plain =
        Combinators.combine(
                Arbitraries.of(FIXTURE_ARMS),
                Arbitraries.of(0.25, 0.5, 1.0, 1e-300, Double.MIN_VALUE))
            .as(
                (arm, p) ->
                    LoggedDecision.newBuilder()
                        .setArmId(arm)
                        .setPropensity(p)
                        .setReward(p)
                        .addAllContext(List.of(0.5, -1.0, 2.0))
                        .build());
    Arbitrary<LoggedDecisions> records =
        Arbitraries.frequencyOf(
                Tuple.of(3, decision.list().ofMaxSize(6)),
                Tuple.of(3, plain.list().ofMinSize(2).ofMaxSize(40)),
                Tuple.of(
                    1,
                    Arbitraries.of(5_000)
                        .map(
                            n ->
                                java.util.stream.IntStream.range(0, n)
                                    .mapToObj(
                                        i ->
                                            LoggedDecision.newBuilder()
                                                .setArmId("arm" + (i % 1_001))
                                                .setPropensity(0.5)
                                                .setReward(1)
                                                .build())
                                    .toList())))
            .map(list -> LoggedDecisions.newBuilder().addAllDecisions(list).build());
    Arbitrary<TargetPolicy> target =
        Arbitraries.oneOf(
            armIds().map(a -> TargetPolicy.newBuilder().setFixedArmId(a).build()),
            Arbitraries.of(true, false).map(u -> TargetPolicy.newBuilder().setUniform(u).build()),
            keys().map(k -> TargetPolicy.newBuilder().setBanditKey(k).build()),
            policies().map(p -> TargetPolicy.newBuilder().setPolicy(p).build()),
            Arbitraries.just(TargetPolicy.getDefaultInstance()));
    Arbitrary<EvaluatePolicyRequest> fromLog =
        Combinators.combine(keys(), target)
            .as(
                (k, t) ->
                    EvaluatePolicyRequest.newBuilder().setLoggedBanditKey(k).setTarget(t).build());
    Arbitrary<EvaluatePolicyRequest> fromRecords =
        Combinators.combine(records, target)
            .as((r, t) -> EvaluatePolicyRequest.newBuilder().setDecisions(r).setTarget(t).build());
    return Arbitraries.oneOf(
        fromLog,
        fromRecords,
        target.map(t -> EvaluatePolicyRequest.newBuilder().setTarget(t).build()));
  }
}
