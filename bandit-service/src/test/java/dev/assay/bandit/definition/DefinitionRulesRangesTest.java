package dev.assay.bandit.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.assay.runtime.errors.FieldViolation;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every numeric policy setting has a finite documented range; just outside it is rejected. */
class DefinitionRulesRangesTest {
  private static final double TINY = Double.MIN_VALUE;

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of(new PolicySpec.ThompsonBernoulli(1e308, 1), "thompson_bernoulli.prior_alpha"),
        Arguments.of(new PolicySpec.ThompsonBernoulli(1e-300, 1), "thompson_bernoulli.prior_alpha"),
        Arguments.of(new PolicySpec.ThompsonBernoulli(1, 0.009), "thompson_bernoulli.prior_beta"),
        Arguments.of(new PolicySpec.ThompsonBernoulli(1, 1.1e6), "thompson_bernoulli.prior_beta"),
        Arguments.of(
            new PolicySpec.ThompsonGaussian(1e308, 1, 1, 1), "thompson_gaussian.prior_mean"),
        Arguments.of(
            new PolicySpec.ThompsonGaussian(-1.1e9, 1, 1, 1), "thompson_gaussian.prior_mean"),
        Arguments.of(
            new PolicySpec.ThompsonGaussian(0, TINY, 1, 1),
            "thompson_gaussian.prior_precision_weight"),
        Arguments.of(
            new PolicySpec.ThompsonGaussian(0, 1, 0.49, 1), "thompson_gaussian.prior_shape"),
        Arguments.of(
            new PolicySpec.ThompsonGaussian(0, 1, 1, 1e19), "thompson_gaussian.prior_rate"),
        Arguments.of(
            new PolicySpec.ThompsonGaussian(0, 1, 1, TINY), "thompson_gaussian.prior_rate"),
        Arguments.of(new PolicySpec.Ucb1(1e7), "ucb1.exploration"),
        Arguments.of(new PolicySpec.Ucb1(0), "ucb1.exploration"),
        Arguments.of(
            new PolicySpec.EpsilonGreedy(1.0000000000000002, 0, 0, 0), "epsilon_greedy.epsilon"),
        Arguments.of(new PolicySpec.EpsilonGreedy(0.1, 1e7, 0, 0), "epsilon_greedy.decay"),
        Arguments.of(new PolicySpec.EpsilonGreedy(0.1, 0, 1e308, 0), "epsilon_greedy.prior_mean"),
        Arguments.of(new PolicySpec.EpsilonGreedy(0.1, 0, 0, 1e7), "epsilon_greedy.prior_weight"),
        Arguments.of(new PolicySpec.LinUcb(3, 1e7, 1), "lin_ucb.alpha"),
        Arguments.of(new PolicySpec.LinUcb(3, 1, 1e-300), "lin_ucb.ridge"),
        Arguments.of(new PolicySpec.LinUcb(3, 1, TINY), "lin_ucb.ridge"),
        Arguments.of(new PolicySpec.LinUcb(3, 1, 1.1e6), "lin_ucb.ridge"),
        Arguments.of(new PolicySpec.LinUcb(65, 1, 1), "lin_ucb.dimension"));
  }

  @ParameterizedTest
  @MethodSource("outOfRange")
  void justOutsideTheRangeIsRejected(PolicySpec spec, String field) {
    assertEquals(List.of("p." + field), violations(spec));
  }

  @ParameterizedTest
  @MethodSource("edges")
  void theEdgesThemselvesAreAccepted(PolicySpec spec) {
    assertEquals(List.of(), violations(spec));
  }

  static Stream<PolicySpec> edges() {
    return Stream.of(
        new PolicySpec.ThompsonBernoulli(0.01, 1e6),
        new PolicySpec.ThompsonGaussian(-1e9, 1e-6, 0.5, 1e18),
        new PolicySpec.ThompsonGaussian(1e9, 1e6, 1e6, 1e-6),
        new PolicySpec.Ucb1(1e6),
        new PolicySpec.EpsilonGreedy(0, 1e6, 1e9, 1e6),
        new PolicySpec.EpsilonGreedy(1, 0, -1e9, 0),
        new PolicySpec.LinUcb(64, 1e6, 1e-6),
        new PolicySpec.LinUcb(1, 0, 1e6));
  }

  @ParameterizedTest
  @MethodSource("edges")
  void nanAndInfinityAreRejectedInEverySetting(PolicySpec edge) {
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      PolicySpec broken = withEverySetting(edge, bad);
      assertFalse(violations(broken).isEmpty(), broken.toString());
    }
  }

  private static PolicySpec withEverySetting(PolicySpec spec, double value) {
    if (spec instanceof PolicySpec.ThompsonBernoulli) {
      return new PolicySpec.ThompsonBernoulli(value, value);
    } else if (spec instanceof PolicySpec.ThompsonGaussian) {
      return new PolicySpec.ThompsonGaussian(value, value, value, value);
    } else if (spec instanceof PolicySpec.Ucb1) {
      return new PolicySpec.Ucb1(value);
    } else if (spec instanceof PolicySpec.EpsilonGreedy) {
      return new PolicySpec.EpsilonGreedy(value, value, value, value);
    }
    return new PolicySpec.LinUcb(3, value, value);
  }

  private static List<String> violations(PolicySpec spec) {
    Violations v = new Violations();
    DefinitionRules.checkPolicy(v, "p.", spec);
    try {
      v.throwIfAny();
      return List.of();
    } catch (ValidationException e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
  }
}
