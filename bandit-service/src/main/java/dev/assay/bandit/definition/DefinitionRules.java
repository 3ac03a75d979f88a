package dev.assay.bandit.definition;

import static dev.assay.bandit.definition.NumericLimits.MAX_ABS_PRIOR_MEAN;
import static dev.assay.bandit.definition.NumericLimits.MAX_EXPLORATION;
import static dev.assay.bandit.definition.NumericLimits.MAX_GAUSSIAN_RATE;
import static dev.assay.bandit.definition.NumericLimits.MAX_PRIOR_COUNT;
import static dev.assay.bandit.definition.NumericLimits.MAX_RIDGE;
import static dev.assay.bandit.definition.NumericLimits.MIN_BETA_PRIOR;
import static dev.assay.bandit.definition.NumericLimits.MIN_GAUSSIAN_RATE;
import static dev.assay.bandit.definition.NumericLimits.MIN_GAUSSIAN_SHAPE;
import static dev.assay.bandit.definition.NumericLimits.MIN_PRECISION_WEIGHT;
import static dev.assay.bandit.definition.NumericLimits.MIN_RIDGE;
import static dev.assay.bandit.definition.NumericLimits.inRange;
import static dev.assay.bandit.definition.NumericLimits.positiveUpTo;

import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.Violations;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What makes a bandit definition, an update of one and a listing request valid; every problem is
 * reported with its request field path. Bandit keys and policy settings are checked here for every
 * request that names them.
 */
public final class DefinitionRules {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern ARM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Largest LinUCB dimension: each reward updates d(d+1)/2 + d stored fields. */
  public static final int MAX_DIMENSION = 64;

  /** Shortest decision TTL: a reward needs time to arrive. */
  public static final Duration MIN_DECISION_TTL = Duration.ofSeconds(1);

  /**
   * Longest decision TTL, and longest sticky duration: markers and assignments are kept as long.
   */
  public static final Duration MAX_DECISION_TTL = Duration.ofDays(30);

  /** Longest description, in UTF-16 characters. */
  public static final int MAX_DESCRIPTION_LENGTH = 2_000;

  /** Longest discount half-life (ten years). */
  public static final Duration MAX_HALF_LIFE = Duration.ofDays(3650);

  /** Bandits per ListBandits page when the request names no size. */
  static final int DEFAULT_PAGE_SIZE = 100;

  /** Largest ListBandits page; a larger request gets this many. */
  static final int MAX_PAGE_SIZE = 1000;

  private DefinitionRules() {}

  /** Whether {@code key} is a syntactically valid bandit key. */
  public static boolean isValidKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** Whether {@code armId} is a syntactically valid arm id. */
  public static boolean isValidArmId(String armId) {
    return ARM.matcher(armId).matches();
  }

  /** Checks a bandit key. */
  static void checkKey(Violations v, String field, String key) {
    v.check(!KEY.matcher(key).matches(), field, "must be 1-128 characters from [A-Za-z0-9_.-]");
  }

  /**
   * Rejects a key that cannot name a bandit, naming {@code field}: every request that looks a
   * bandit up checks its key here.
   *
   * @throws dev.assay.runtime.errors.ValidationException if it cannot
   */
  public static void requireKey(String field, String key) {
    Violations v = new Violations();
    checkKey(v, field, key);
    v.throwIfAny();
  }

  /** Checks a whole definition; field paths start with {@code prefix} (e.g. {@code bandit.}). */
  static void check(Violations v, String prefix, BanditDefinition d) {
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
      v.check(!seen.add(id), prefix + "arms[" + i + "].id", "duplicate arm id");
    }
    v.check(
        d.description().length() > MAX_DESCRIPTION_LENGTH,
        prefix + "description",
        "at most " + MAX_DESCRIPTION_LENGTH + " characters");
    checkPolicy(v, prefix + "policy.", d.policy());
    v.check(
        d.decisionTtl().compareTo(MIN_DECISION_TTL) < 0
            || d.decisionTtl().compareTo(MAX_DECISION_TTL) > 0,
        prefix + "decision_ttl",
        "must be between 1 s and 30 days");
    v.check(
        d.discountHalfLife().isNegative() || d.discountHalfLife().compareTo(MAX_HALF_LIFE) > 0,
        prefix + "discount_half_life",
        "must be between 0 (no discounting) and 3650 days");
    v.check(
        d.stickyDuration().isNegative() || d.stickyDuration().compareTo(MAX_DECISION_TTL) > 0,
        prefix + "sticky_duration",
        "must be between 0 (not sticky) and 30 days");
  }

  /**
   * Checks what an update may change of {@code current}: arms may be added or retired but never
   * removed, and the policy keeps its kind and context dimension.
   *
   * @throws FailedPreconditionException if the update changes the policy kind
   */
  static void checkUpdate(Violations v, BanditDefinition current, BanditUpdate update) {
    update
        .arms()
        .ifPresent(
            arms -> {
              Set<String> next = arms.stream().map(ArmDefinition::id).collect(Collectors.toSet());
              for (ArmDefinition old : current.arms()) {
                v.check(
                    !next.contains(old.id()),
                    "bandit.arms",
                    "arm '" + old.id() + "' cannot be removed; set retired = true instead");
              }
            });
    update
        .policy()
        .ifPresent(
            p -> {
              if (!p.kindName().equals(current.policy().kindName())) {
                throw new FailedPreconditionException(
                    "the policy kind of bandit '"
                        + current.key()
                        + "' is "
                        + current.policy().kindName()
                        + " and cannot change; create a new bandit");
              }
              v.check(
                  p.contextDimension() != current.policy().contextDimension(),
                  "bandit.policy.lin_ucb.dimension",
                  "cannot change once created");
            });
  }

  /**
   * The page size a listing gets for {@code requested}: 0 means the default, larger than the
   * maximum means the maximum.
   *
   * @throws dev.assay.runtime.errors.ValidationException if it is negative
   */
  static int pageSize(int requested) {
    Violations v = new Violations();
    v.check(requested < 0, "page_size", "must be >= 0 (0 = default " + DEFAULT_PAGE_SIZE + ")");
    v.throwIfAny();
    return requested == 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
  }

  /**
   * Checks a policy's settings against the ranges of {@link NumericLimits}, chosen so that every
   * computation on them stays finite; field paths start with {@code p} (e.g. {@code
   * bandit.policy.}).
   */
  public static void checkPolicy(Violations v, String p, PolicySpec spec) {
    if (spec instanceof PolicySpec.ThompsonBernoulli s) {
      String f = p + "thompson_bernoulli.";
      inRange(v, f + "prior_alpha", s.priorAlpha(), MIN_BETA_PRIOR, MAX_PRIOR_COUNT);
      inRange(v, f + "prior_beta", s.priorBeta(), MIN_BETA_PRIOR, MAX_PRIOR_COUNT);
    } else if (spec instanceof PolicySpec.ThompsonGaussian s) {
      String f = p + "thompson_gaussian.";
      inRange(v, f + "prior_mean", s.priorMean(), -MAX_ABS_PRIOR_MEAN, MAX_ABS_PRIOR_MEAN);
      inRange(
          v,
          f + "prior_precision_weight",
          s.priorPrecisionWeight(),
          MIN_PRECISION_WEIGHT,
          MAX_PRIOR_COUNT);
      inRange(v, f + "prior_shape", s.priorShape(), MIN_GAUSSIAN_SHAPE, MAX_PRIOR_COUNT);
      inRange(v, f + "prior_rate", s.priorRate(), MIN_GAUSSIAN_RATE, MAX_GAUSSIAN_RATE);
    } else if (spec instanceof PolicySpec.Ucb1 s) {
      positiveUpTo(v, p + "ucb1.exploration", s.exploration(), MAX_EXPLORATION);
    } else if (spec instanceof PolicySpec.EpsilonGreedy s) {
      String f = p + "epsilon_greedy.";
      inRange(v, f + "epsilon", s.epsilon(), 0, 1);
      inRange(v, f + "decay", s.decay(), 0, MAX_EXPLORATION);
      inRange(v, f + "prior_mean", s.priorMean(), -MAX_ABS_PRIOR_MEAN, MAX_ABS_PRIOR_MEAN);
      inRange(v, f + "prior_weight", s.priorWeight(), 0, MAX_PRIOR_COUNT);
    } else if (spec instanceof PolicySpec.LinUcb s) {
      v.check(
          s.dimension() < 1 || s.dimension() > MAX_DIMENSION,
          p + "lin_ucb.dimension",
          "must be in [1, " + MAX_DIMENSION + "]");
      inRange(v, p + "lin_ucb.alpha", s.alpha(), 0, MAX_EXPLORATION);
      inRange(v, p + "lin_ucb.ridge", s.ridge(), MIN_RIDGE, MAX_RIDGE);
    }
  }
}
