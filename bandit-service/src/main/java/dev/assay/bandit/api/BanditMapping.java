package dev.assay.bandit.api;

import com.google.protobuf.util.Durations;
import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.BanditUpdate;
import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditState;
import dev.assay.bandit.v1.EpsilonGreedy;
import dev.assay.bandit.v1.LinUcb;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.bandit.v1.ThompsonGaussian;
import dev.assay.bandit.v1.Ucb1;
import dev.assay.bandit.v1.UpdateBanditRequest;
import dev.assay.runtime.errors.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Translates bandit definitions between protobuf and the domain, filling documented defaults. It
 * checks nothing the domain checks; it fails only where the wire form names no domain value (a
 * policy left unset, a malformed {@code google.protobuf.Duration}, an update-mask path that names
 * no field).
 */
final class BanditMapping {
  /** The update-mask paths UpdateBandit accepts. */
  private static final String UPDATABLE =
      "description, arms, policy, decision_ttl, discount_half_life, sticky_duration";

  private final Duration defaultDecisionTtl;

  BanditMapping(Duration defaultDecisionTtl) {
    this.defaultDecisionTtl = defaultDecisionTtl;
  }

  BanditDefinition toDomain(Bandit b) {
    return new BanditDefinition(
        b.getKey(),
        b.getDescription(),
        arms(b.getArmsList()),
        policy(b.getPolicy(), "bandit.policy"),
        b.hasDecisionTtl()
            ? duration(b.getDecisionTtl(), "bandit.decision_ttl")
            : defaultDecisionTtl,
        b.hasDiscountHalfLife()
            ? duration(b.getDiscountHalfLife(), "bandit.discount_half_life")
            : Duration.ZERO,
        b.hasStickyDuration()
            ? duration(b.getStickyDuration(), "bandit.sticky_duration")
            : Duration.ZERO,
        false,
        0);
  }

  /** The fields {@code request}'s update mask names, taken from its bandit. */
  static BanditUpdate update(UpdateBanditRequest request) {
    Bandit b = request.getBandit();
    Optional<String> description = Optional.empty();
    Optional<List<ArmDefinition>> arms = Optional.empty();
    Optional<PolicySpec> policy = Optional.empty();
    Optional<Duration> ttl = Optional.empty();
    Optional<Duration> halfLife = Optional.empty();
    Optional<Duration> sticky = Optional.empty();
    List<String> paths = request.getUpdateMask().getPathsList();
    for (int i = 0; i < paths.size(); i++) {
      switch (paths.get(i)) {
        case "description" -> description = Optional.of(b.getDescription());
        case "arms" -> arms = Optional.of(arms(b.getArmsList()));
        case "policy" -> policy = Optional.of(policy(b.getPolicy(), "bandit.policy"));
        case "decision_ttl" ->
            ttl = Optional.of(duration(b.getDecisionTtl(), "bandit.decision_ttl"));
        case "discount_half_life" ->
            halfLife = Optional.of(duration(b.getDiscountHalfLife(), "bandit.discount_half_life"));
        case "sticky_duration" ->
            sticky = Optional.of(duration(b.getStickyDuration(), "bandit.sticky_duration"));
        default ->
            throw ValidationException.of(
                "update_mask.paths[" + i + "]",
                "'" + shortened(paths.get(i)) + "' cannot be updated; allowed: " + UPDATABLE);
      }
    }
    return new BanditUpdate(description, arms, policy, ttl, halfLife, sticky);
  }

  /** At most 64 characters of {@code text}: error messages never echo unbounded input. */
  private static String shortened(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  /** Unboxes a repeated double field. */
  static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static List<ArmDefinition> arms(List<Arm> arms) {
    return arms.stream().map(a -> new ArmDefinition(a.getId(), a.getRetired())).toList();
  }

  static Duration duration(com.google.protobuf.Duration d, String field) {
    if (!Durations.isValid(d)) {
      throw ValidationException.of(field, "is not a valid duration");
    }
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }

  /** The policy {@code p} configures; {@code field} names it if none is set. */
  static PolicySpec policy(PolicyConfig p, String field) {
    return switch (p.getPolicyCase()) {
      case THOMPSON_BERNOULLI ->
          new PolicySpec.ThompsonBernoulli(
              orDefault(p.getThompsonBernoulli().getPriorAlpha(), 1),
              orDefault(p.getThompsonBernoulli().getPriorBeta(), 1));
      case THOMPSON_GAUSSIAN -> {
        ThompsonGaussian g = p.getThompsonGaussian();
        yield new PolicySpec.ThompsonGaussian(
            g.getPriorMean(),
            orDefault(g.getPriorPrecisionWeight(), 1),
            orDefault(g.getPriorShape(), 1),
            orDefault(g.getPriorRate(), 1));
      }
      case UCB1 -> new PolicySpec.Ucb1(orDefault(p.getUcb1().getExploration(), 2));
      case EPSILON_GREEDY -> {
        EpsilonGreedy e = p.getEpsilonGreedy();
        yield new PolicySpec.EpsilonGreedy(
            e.getEpsilon(),
            e.getDecay(),
            e.hasPriorMean() ? e.getPriorMean() : 0.5,
            e.hasPriorWeight() ? e.getPriorWeight() : 2.0);
      }
      case LIN_UCB ->
          new PolicySpec.LinUcb(
              p.getLinUcb().getDimension(),
              orDefault(p.getLinUcb().getAlpha(), 1),
              orDefault(p.getLinUcb().getRidge(), 1));
      case POLICY_NOT_SET ->
          throw ValidationException.of(
              field,
              "set one of thompson_bernoulli, thompson_gaussian, ucb1, epsilon_greedy, lin_ucb");
    };
  }

  private static double orDefault(double value, double fallback) {
    return value == 0.0 ? fallback : value;
  }

  static Bandit toProto(BanditDefinition d) {
    Bandit.Builder b =
        Bandit.newBuilder()
            .setKey(d.key())
            .setDescription(d.description())
            .setPolicy(toProto(d.policy()))
            .setDecisionTtl(Durations.fromMillis(d.decisionTtl().toMillis()))
            .setDiscountHalfLife(Durations.fromMillis(d.discountHalfLife().toMillis()))
            .setStickyDuration(Durations.fromMillis(d.stickyDuration().toMillis()))
            .setState(
                d.archived() ? BanditState.BANDIT_STATE_ARCHIVED : BanditState.BANDIT_STATE_ACTIVE)
            .setVersion(d.version());
    for (ArmDefinition arm : d.arms()) {
      b.addArms(Arm.newBuilder().setId(arm.id()).setRetired(arm.retired()));
    }
    return b.build();
  }

  static PolicyConfig toProto(PolicySpec spec) {
    PolicyConfig.Builder p = PolicyConfig.newBuilder();
    if (spec instanceof PolicySpec.ThompsonBernoulli s) {
      p.setThompsonBernoulli(
          ThompsonBernoulli.newBuilder().setPriorAlpha(s.priorAlpha()).setPriorBeta(s.priorBeta()));
    } else if (spec instanceof PolicySpec.ThompsonGaussian s) {
      p.setThompsonGaussian(
          ThompsonGaussian.newBuilder()
              .setPriorMean(s.priorMean())
              .setPriorPrecisionWeight(s.priorPrecisionWeight())
              .setPriorShape(s.priorShape())
              .setPriorRate(s.priorRate()));
    } else if (spec instanceof PolicySpec.Ucb1 s) {
      p.setUcb1(Ucb1.newBuilder().setExploration(s.exploration()));
    } else if (spec instanceof PolicySpec.EpsilonGreedy s) {
      p.setEpsilonGreedy(
          EpsilonGreedy.newBuilder()
              .setEpsilon(s.epsilon())
              .setDecay(s.decay())
              .setPriorMean(s.priorMean())
              .setPriorWeight(s.priorWeight()));
    } else if (spec instanceof PolicySpec.LinUcb s) {
      p.setLinUcb(
          LinUcb.newBuilder().setDimension(s.dimension()).setAlpha(s.alpha()).setRidge(s.ridge()));
    }
    return p.build();
  }
}
