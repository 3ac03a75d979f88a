package dev.assay.bandit.api;

import dev.assay.bandit.offpolicy.Estimate;
import dev.assay.bandit.offpolicy.Evaluation;
import dev.assay.bandit.offpolicy.LoggedDecision;
import dev.assay.bandit.offpolicy.OffPolicyEvaluator;
import dev.assay.bandit.offpolicy.TargetPolicy;
import dev.assay.bandit.v1.EvaluatePolicyRequest;
import dev.assay.bandit.v1.EvaluatePolicyResponse;
import dev.assay.bandit.v1.OffPolicyServiceGrpc;
import dev.assay.bandit.v1.PolicyEstimate;
import dev.assay.runtime.errors.ValidationException;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * gRPC adapter of {@link OffPolicyEvaluator}: checks the caller's projects for every bandit the
 * request names (the logged bandit, a bandit as target), translates and delegates (the evaluator
 * validates).
 */
public final class OffPolicyGrpcService extends OffPolicyServiceGrpc.OffPolicyServiceImplBase {
  private final OffPolicyEvaluator evaluator;

  /** An adapter over {@code evaluator}. */
  public OffPolicyGrpcService(OffPolicyEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  @Override
  public void evaluatePolicy(
      EvaluatePolicyRequest request, StreamObserver<EvaluatePolicyResponse> response) {
    if (request.hasLoggedBanditKey()) {
      ProjectAccess.requireBandit(request.getLoggedBanditKey(), "logged_bandit_key");
    }
    if (request.getTarget().hasBanditKey()) {
      ProjectAccess.requireBandit(request.getTarget().getBanditKey(), "target.bandit_key");
    }
    TargetPolicy target = target(request.getTarget());
    Evaluation result =
        switch (request.getSourceCase()) {
          case LOGGED_BANDIT_KEY -> evaluator.evaluateLog(request.getLoggedBanditKey(), target);
          case DECISIONS -> evaluator.evaluate(decisions(request.getDecisions()), target);
          case SOURCE_NOT_SET ->
              throw ValidationException.of("source", "set logged_bandit_key or decisions");
        };
    EvaluatePolicyResponse.Builder out =
        EvaluatePolicyResponse.newBuilder()
            .setDecisionCount(result.decisions())
            .setSkippedCount(result.skipped())
            .setIps(toProto(result.ips()))
            .setDoublyRobust(toProto(result.doublyRobust()))
            .setLoggedMeanReward(result.loggedMeanReward());
    result.selfNormalizedIps().ifPresent(e -> out.setSelfNormalizedIps(toProto(e)));
    response.onNext(out.build());
    response.onCompleted();
  }

  private static TargetPolicy target(dev.assay.bandit.v1.TargetPolicy target) {
    return switch (target.getTargetCase()) {
      case FIXED_ARM_ID -> new TargetPolicy.FixedArm(target.getFixedArmId());
      case UNIFORM -> new TargetPolicy.Uniform();
      case BANDIT_KEY -> new TargetPolicy.BanditPolicy(target.getBanditKey());
      case POLICY ->
          new TargetPolicy.Configured(BanditMapping.policy(target.getPolicy(), "target.policy"));
      case TARGET_NOT_SET ->
          throw ValidationException.of(
              "target", "set one of fixed_arm_id, uniform, bandit_key, policy");
    };
  }

  private static List<LoggedDecision> decisions(dev.assay.bandit.v1.LoggedDecisions decisions) {
    return decisions.getDecisionsList().stream()
        .map(
            d ->
                new LoggedDecision(
                    BanditMapping.toArray(d.getContextList()),
                    d.getArmId(),
                    d.getPropensity(),
                    d.getReward()))
        .toList();
  }

  private static PolicyEstimate toProto(Estimate e) {
    return PolicyEstimate.newBuilder()
        .setValue(e.value())
        .setStandardError(e.standardError())
        .setIntervalLower(e.lower95())
        .setIntervalUpper(e.upper95())
        .build();
  }
}
