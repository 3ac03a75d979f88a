package dev.assay.bandit.definition;

import dev.assay.runtime.errors.Violations;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a bandit definition valid; every problem is reported with its request field path. */
public final class DefinitionRules {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern ARM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Largest LinUCB dimension: each reward updates d(d+1)/2 + d stored fields. */
  public static final int MAX_DIMENSION = 64;

  private DefinitionRules() {}

  /** Checks a bandit key. */
  public static void checkKey(Violations v, String field, String key) {
    v.check(!KEY.matcher(key).matches(), field, "must be 1-128 characters from [A-Za-z0-9_.-]");
  }

  /** Checks a whole definition; field paths start with {@code prefix} (e.g. {@code bandit.}). */
  public static void check(Violations v, String prefix, BanditDefinition d) {
    checkKey(v, prefix + "key", d.key());
    v.check(d.arms().isEmpty(), prefix + "arms", "must have at least one arm");
    v.check(d.arms().size() > 1000, prefix + "arms", "at most 1000 arms");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < d.arms().size(); i++) {
      String id = d.arms().get(i).id();
      v.check(
          !ARM.matcher(id).matches(),
          prefix + "arms[" + i + "].id",
          "must be 1-64 characters from [A-Za-z0-9_.-]");
      v.check(!seen.add(id), prefix + "arms[" + i + "].id", "duplicate arm id '" + id + "'");
    }
    checkPolicy(v, prefix + "policy.", d.policy());
    v.check(
        d.decisionTtl().compareTo(Duration.ofSeconds(1)) < 0
            || d.decisionTtl().compareTo(Duration.ofDays(30)) > 0,
        prefix + "decision_ttl",
        "must be between 1 s and 30 days");
    v.check(
        d.discountHalfLife().isNegative(),
        prefix + "discount_half_life",
        "must be >= 0 (0 = no discounting)");
    v.check(
        d.stickyDuration().isNegative() || d.stickyDuration().compareTo(Duration.ofDays(30)) > 0,
        prefix + "sticky_duration",
        "must be between 0 (not sticky) and 30 days");
  }

  /** Checks a policy's settings; field paths start with {@code p} (e.g. {@code bandit.policy.}). */
  public static void checkPolicy(Violations v, String p, PolicySpec spec) {
    if (spec instanceof PolicySpec.ThompsonBernoulli s) {
      positive(v, p + "thompson_bernoulli.prior_alpha", s.priorAlpha());
      positive(v, p + "thompson_bernoulli.prior_beta", s.priorBeta());
    } else if (spec instanceof PolicySpec.ThompsonGaussian s) {
      v.check(
          !Double.isFinite(s.priorMean()), p + "thompson_gaussian.prior_mean", "must be finite");
      positive(v, p + "thompson_gaussian.prior_precision_weight", s.priorPrecisionWeight());
      positive(v, p + "thompson_gaussian.prior_shape", s.priorShape());
      positive(v, p + "thompson_gaussian.prior_rate", s.priorRate());
    } else if (spec instanceof PolicySpec.Ucb1 s) {
      positive(v, p + "ucb1.exploration", s.exploration());
    } else if (spec instanceof PolicySpec.EpsilonGreedy s) {
      v.check(
          !(s.epsilon() >= 0 && s.epsilon() <= 1),
          p + "epsilon_greedy.epsilon",
          "must be in [0, 1]");
      v.check(
          !(s.decay() >= 0 && Double.isFinite(s.decay())),
          p + "epsilon_greedy.decay",
          "must be >= 0");
      v.check(!Double.isFinite(s.priorMean()), p + "epsilon_greedy.prior_mean", "must be finite");
      v.check(
          !(s.priorWeight() >= 0 && Double.isFinite(s.priorWeight())),
          p + "epsilon_greedy.prior_weight",
          "must be >= 0");
    } else if (spec instanceof PolicySpec.LinUcb s) {
      v.check(
          s.dimension() < 1 || s.dimension() > MAX_DIMENSION,
          p + "lin_ucb.dimension",
          "must be in [1, " + MAX_DIMENSION + "]");
      v.check(!(s.alpha() >= 0 && Double.isFinite(s.alpha())), p + "lin_ucb.alpha", "must be >= 0");
      positive(v, p + "lin_ucb.ridge", s.ridge());
    }
  }

  private static void positive(Violations v, String field, double value) {
    v.check(!(value > 0 && Double.isFinite(value)), field, "must be a finite number > 0");
  }
}
