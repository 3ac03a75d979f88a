package dev.assay.bandit.api;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.bandit.inspection.ArmSummary;
import dev.assay.bandit.inspection.BanditInspector;
import dev.assay.bandit.inspection.Inspection;
import dev.assay.bandit.rewards.ArmReward;
import dev.assay.bandit.rewards.DecisionReward;
import dev.assay.bandit.rewards.RewardOutcome;
import dev.assay.bandit.rewards.RewardRecorder;
import dev.assay.bandit.selection.ArmSelector;
import dev.assay.bandit.selection.Decision;
import dev.assay.bandit.v1.BackfillRewardsRequest;
import dev.assay.bandit.v1.BackfillRewardsResponse;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.InspectBanditResponse;
import dev.assay.bandit.v1.PropensityMethod;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardResponse;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RecordRewardsResponse;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.bandit.v1.StreamRewardsRequest;
import dev.assay.bandit.v1.StreamRewardsResponse;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.errors.GrpcErrors;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * gRPC adapter for selection, rewards and inspection: checks the caller's projects, translates and
 * delegates (the selector, recorder and inspector validate). Selections and rewards are data, not
 * configuration: they are not recorded in the audit trail one by one.
 */
public final class BanditGrpcService extends BanditServiceGrpc.BanditServiceImplBase {
  private final ArmSelector selector;
  private final RewardRecorder recorder;
  private final BanditInspector inspector;
  private final AuditTrail audit;

  /**
   * An adapter over the three domain components; backfills (rewards an administrator adds without
   * decisions) are recorded in {@code audit}.
   */
  public BanditGrpcService(
      ArmSelector selector, RewardRecorder recorder, BanditInspector inspector, AuditTrail audit) {
    this.selector = selector;
    this.recorder = recorder;
    this.inspector = inspector;
    this.audit = audit;
  }

  @Override
  public void select(SelectRequest request, StreamObserver<SelectResponse> response) {
    ProjectAccess.requireBandit(request.getBanditKey(), "bandit_key");
    Decision d =
        selector.select(
            request.getBanditKey(),
            request.getUnitId(),
            BanditMapping.toArray(request.getContextList()));
    response.onNext(
        SelectResponse.newBuilder()
            .setArmId(d.armId())
            .setDecisionId(d.decisionId())
            .setPropensity(d.propensity().value())
            .setPropensityMethod(
                d.propensity().exact()
                    ? PropensityMethod.PROPENSITY_METHOD_EXACT
                    : PropensityMethod.PROPENSITY_METHOD_MONTE_CARLO)
            .setPropensitySamples(d.propensity().samples())
            .setPropensityStandardError(d.propensity().standardError())
            .setExpireTimeMillis(d.expiresAtMillis())
            .setSticky(d.sticky())
            .build());
    response.onCompleted();
  }

  @Override
  public void recordReward(
      RecordRewardRequest request, StreamObserver<RecordRewardResponse> response) {
    ProjectAccess.requireDecisions(
        List.of(request.getDecisionId()), "", request.getBanditKey(), recorder::banditOf);
    RewardOutcome outcome =
        recorder.record(
            List.of(new DecisionReward(request.getDecisionId(), request.getReward())),
            "",
            request.getBanditKey());
    response.onNext(
        RecordRewardResponse.newBuilder().setDuplicate(outcome.duplicates() > 0).build());
    response.onCompleted();
  }

  @Override
  public void recordRewards(
      RecordRewardsRequest request, StreamObserver<RecordRewardsResponse> response) {
    ProjectAccess.requireDecisions(
        decisionIds(request.getRewardsList()),
        "rewards",
        request.getBanditKey(),
        recorder::banditOf);
    RewardOutcome outcome =
        recorder.record(rewards(request.getRewardsList()), "rewards", request.getBanditKey());
    response.onNext(
        RecordRewardsResponse.newBuilder()
            .setAppliedCount(outcome.applied())
            .setDuplicateCount(outcome.duplicates())
            .build());
    response.onCompleted();
  }

  private static List<String> decisionIds(List<RewardEntry> entries) {
    return entries.stream().map(RewardEntry::getDecisionId).toList();
  }

  private static List<DecisionReward> rewards(List<RewardEntry> entries) {
    return entries.stream().map(e -> new DecisionReward(e.getDecisionId(), e.getReward())).toList();
  }

  /**
   * Each message is checked and applied whole as it arrives, as a RecordRewards request is. The
   * first message that fails (a decision outside the caller's projects included) ends the stream
   * with its error: that message and every later one change nothing; the messages before it stay
   * applied, as the contract says.
   */
  @Override
  public StreamObserver<StreamRewardsRequest> streamRewards(
      StreamObserver<StreamRewardsResponse> response) {
    return new StreamObserver<>() {
      private long applied;
      private long duplicates;
      private boolean failed;

      @Override
      public void onNext(StreamRewardsRequest message) {
        if (failed) {
          return;
        }
        try {
          ProjectAccess.requireDecisions(
              decisionIds(message.getRewardsList()),
              "rewards",
              message.getBanditKey(),
              recorder::banditOf);
          RewardOutcome outcome =
              recorder.record(rewards(message.getRewardsList()), "rewards", message.getBanditKey());
          applied += outcome.applied();
          duplicates += outcome.duplicates();
        } catch (RuntimeException e) {
          failed = true;
          response.onError(GrpcErrors.toStatusException(e));
        }
      }

      @Override
      public void onError(Throwable t) {
        failed = true;
      }

      @Override
      public void onCompleted() {
        if (!failed) {
          response.onNext(
              StreamRewardsResponse.newBuilder()
                  .setAppliedCount(applied)
                  .setDuplicateCount(duplicates)
                  .build());
          response.onCompleted();
        }
      }
    };
  }

  @Override
  public void backfillRewards(
      BackfillRewardsRequest request, StreamObserver<BackfillRewardsResponse> response) {
    ProjectAccess.requireBandit(request.getBanditKey(), "bandit_key");
    List<ArmReward> rewards =
        request.getRewardsList().stream()
            .map(
                r ->
                    new ArmReward(
                        r.getArmId(), r.getReward(), BanditMapping.toArray(r.getContextList())))
            .toList();
    RewardOutcome outcome =
        recorder.backfill(request.getBanditKey(), request.getRequestId(), rewards);
    if (outcome.applied() > 0) {
      // One entry per backfill, not per reward: who added how many rewards, under which request id.
      audit.record(
          "bandit",
          request.getBanditKey(),
          null,
          Struct.newBuilder()
              .putFields("backfillRequestId", string(request.getRequestId()))
              .putFields("appliedCount", number(outcome.applied()))
              .putFields("duplicateCount", number(outcome.duplicates()))
              .build());
    }
    response.onNext(
        BackfillRewardsResponse.newBuilder()
            .setAppliedCount(outcome.applied())
            .setDuplicateCount(outcome.duplicates())
            .build());
    response.onCompleted();
  }

  @Override
  public void inspectBandit(
      InspectBanditRequest request, StreamObserver<InspectBanditResponse> response) {
    ProjectAccess.requireBandit(request.getBanditKey(), "bandit_key");
    Inspection inspection = inspector.inspect(request.getBanditKey());
    InspectBanditResponse.Builder out =
        InspectBanditResponse.newBuilder()
            .setBanditKey(inspection.banditKey())
            .setProbabilityBestSamples(inspection.probabilityBestDraws());
    for (ArmSummary a : inspection.arms()) {
      out.addArms(
          dev.assay.bandit.v1.ArmSummary.newBuilder()
              .setArmId(a.armId())
              .setRetired(a.retired())
              .setPulls(a.pulls())
              .setRewardSum(a.rewardSum())
              .putAllPosterior(a.posterior())
              .setMean(a.mean())
              .setIntervalLower(a.lower95())
              .setIntervalUpper(a.upper95())
              .setProbabilityBest(a.probabilityBest()));
    }
    response.onNext(out.build());
    response.onCompleted();
  }

  private static Value string(String text) {
    return Value.newBuilder().setStringValue(text).build();
  }

  private static Value number(long count) {
    return Value.newBuilder().setNumberValue((double) count).build();
  }
}
