package dev.assay.bandit.api;

import dev.assay.bandit.definition.BanditCatalog;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.PolicySpec;
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
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** gRPC adapter of {@link OffPolicyEvaluator}. */
public final class OffPolicyGrpcService extends OffPolicyServiceGrpc.OffPolicyServiceImplBase {
  private final OffPolicyEvaluator evaluator;

  /** An adapter over {@code evaluator}. */
  public OffPolicyGrpcService(OffPolicyEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  @Override
  public void evaluatePolicy(
      EvaluatePolicyRequest request, StreamObserver<EvaluatePolicyResponse> response) {
    TargetPolicy target =
        switch (request.getTarget().getTargetCase()) {
          case FIXED_ARM_ID -> new TargetPolicy.FixedArm(request.getTarget().getFixedArmId());
          case UNIFORM -> new TargetPolicy.Uniform();
          case BANDIT_KEY -> {
            BanditCatalog.checkKey("target.bandit_key", request.getTarget().getBanditKey());
            yield new TargetPolicy.BanditPolicy(request.getTarget().getBanditKey());
          }
          case POLICY -> {
            PolicySpec spec = BanditMapping.policy(request.getTarget().getPolicy());
            Violations v = new Violations();
            DefinitionRules.checkPolicy(v, "target.policy.", spec);
            v.throwIfAny();
            yield new TargetPolicy.Configured(spec);
          }
          case TARGET_NOT_SET ->
              throw ValidationException.of(
                  "target", "set one of fixed_arm_id, uniform, bandit_key, policy");
        };
    Evaluation result =
        switch (request.getSourceCase()) {
          case LOGGED_BANDIT_KEY -> {
            BanditCatalog.checkKey("logged_bandit_key", request.getLoggedBanditKey());
            yield evaluator.evaluateLog(request.getLoggedBanditKey(), target);
          }
          case DECISIONS -> {
            List<LoggedDecision> log =
                request.getDecisions().getDecisionsList().stream()
                    .map(
                        d ->
                            new LoggedDecision(
                                d.getContextList().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray(),
                                d.getArmId(),
                                d.getPropensity(),
                                d.getReward()))
                    .toList();
            yield evaluator.evaluate(log, target);
          }
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

  private static PolicyEstimate toProto(Estimate e) {
    return PolicyEstimate.newBuilder()
        .setValue(e.value())
        .setStandardError(e.standardError())
        .setIntervalLower(e.lower95())
        .setIntervalUpper(e.upper95())
        .build();
  }
}
