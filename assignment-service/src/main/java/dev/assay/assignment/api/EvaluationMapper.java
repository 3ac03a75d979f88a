package dev.assay.assignment.api;

import dev.assay.assignment.evaluation.Assignment;
import dev.assay.assignment.evaluation.Evaluation;
import dev.assay.assignment.evaluation.FlagResult;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.FlagEvaluation;
import dev.assay.assignment.v1.Reason;

/** Evaluation results: domain → contract. */
final class EvaluationMapper {
  private EvaluationMapper() {}

  static EvaluateResponse toProto(Evaluation evaluation) {
    EvaluateResponse.Builder response = EvaluateResponse.newBuilder();
    for (Assignment a : evaluation.assignments()) {
      response.addAssignments(toProto(a));
    }
    for (FlagResult f : evaluation.flags()) {
      FlagEvaluation.Builder flag =
          FlagEvaluation.newBuilder().setFlagKey(f.flagKey()).setReason(reason(f.reason()));
      if (f.reason() != dev.assay.assignment.evaluation.Reason.UNKNOWN_KEY) {
        flag.setValue(JsonValues.toValue(f.value()));
      }
      if (f.ruleId() != null) {
        flag.setRuleId(f.ruleId());
      }
      if (f.experiment() != null) {
        flag.setExperiment(toProto(f.experiment()));
      }
      response.addFlags(flag);
    }
    return response.build();
  }

  static ExperimentAssignment toProto(Assignment a) {
    ExperimentAssignment.Builder p =
        ExperimentAssignment.newBuilder()
            .setExperimentKey(a.experimentKey())
            .setInExperiment(a.isInExperiment())
            .setVariationIndex(a.variationIndex())
            .setReason(reason(a.reason()))
            .setBucket(a.bucket());
    if (a.variationKey() != null) {
      p.setVariationKey(a.variationKey());
    }
    if (a.payload() != null) {
      p.setPayload(JsonValues.toValue(a.payload()));
    }
    if (a.hashValue() != null) {
      p.setHashValue(a.hashValue());
    }
    return p.build();
  }

  private static Reason reason(dev.assay.assignment.evaluation.Reason reason) {
    return switch (reason) {
      case OVERRIDE -> Reason.REASON_OVERRIDE;
      case NOT_TARGETED -> Reason.REASON_NOT_TARGETED;
      case OUTSIDE_COVERAGE -> Reason.REASON_OUTSIDE_COVERAGE;
      case OTHER_NAMESPACE -> Reason.REASON_OTHER_NAMESPACE;
      case BUCKET -> Reason.REASON_BUCKET;
      case NOT_RUNNING -> Reason.REASON_NOT_RUNNING;
      case ROLLED_OUT -> Reason.REASON_ROLLED_OUT;
      case MISSING_HASH_ATTRIBUTE -> Reason.REASON_MISSING_HASH_ATTRIBUTE;
      case UNKNOWN_KEY -> Reason.REASON_UNKNOWN_KEY;
      case DEFAULT -> Reason.REASON_DEFAULT;
      case FORCED -> Reason.REASON_FORCED;
      case ROLLOUT -> Reason.REASON_ROLLOUT;
      case EXPERIMENT -> Reason.REASON_EXPERIMENT;
      case KILLED -> Reason.REASON_KILLED;
    };
  }
}
