package dev.assay.console.bridge;

import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.MonitorServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RPCs the console forwards, by full method name. Everything else is refused: the console is a
 * window onto the services, not a proxy for their whole API.
 */
public final class MethodAllowlist {
  private static final Set<String> STOP_MASK_PATHS = Set.of("status", "rolled_out_variation");

  private final Map<String, BridgedMethod> methods;

  private MethodAllowlist(Map<String, BridgedMethod> methods) {
    this.methods = Map.copyOf(methods);
  }

  /** Reads, answered with the console's own token. */
  public static MethodAllowlist reads() {
    Map<String, BridgedMethod> m = new LinkedHashMap<>();
    add(m, DefinitionServiceGrpc.getGetExperimentMethod(), Peer.ASSIGNMENT);
    add(m, DefinitionServiceGrpc.getListExperimentsMethod(), Peer.ASSIGNMENT);
    add(m, DefinitionServiceGrpc.getGetFeatureFlagMethod(), Peer.ASSIGNMENT);
    add(m, DefinitionServiceGrpc.getListFeatureFlagsMethod(), Peer.ASSIGNMENT);
    add(m, OverrideServiceGrpc.getListOverridesMethod(), Peer.ASSIGNMENT);
    // Looking must never count as showing: the console always asks without exposures.
    m.put(
        EvaluationServiceGrpc.getEvaluateMethod().getFullMethodName(),
        new BridgedMethod(
            EvaluationServiceGrpc.getEvaluateMethod(),
            Peer.ASSIGNMENT,
            request -> ((EvaluateRequest) request).toBuilder().setSkipExposures(true).build()));
    add(m, BanditAdminServiceGrpc.getGetBanditMethod(), Peer.BANDIT);
    add(m, BanditAdminServiceGrpc.getListBanditsMethod(), Peer.BANDIT);
    add(m, BanditServiceGrpc.getInspectBanditMethod(), Peer.BANDIT);
    add(m, ResultsServiceGrpc.getGetExperimentResultsMethod(), Peer.ANALYSIS);
    add(m, ResultsServiceGrpc.getGetExperimentTimeSeriesMethod(), Peer.ANALYSIS);
    add(m, MonitorServiceGrpc.getListMonitorActionsMethod(), Peer.ANALYSIS);
    add(m, MetricServiceGrpc.getGetMetricMethod(), Peer.ANALYSIS);
    add(m, MetricServiceGrpc.getListMetricsMethod(), Peer.ANALYSIS);
    add(m, PowerServiceGrpc.getSolveProportionPowerMethod(), Peer.ANALYSIS);
    add(m, PowerServiceGrpc.getSolveMeanPowerMethod(), Peer.ANALYSIS);
    return new MethodAllowlist(m);
  }

  /**
   * The actions (only with {@code --enable-actions}), sent with the user's own token: stopping an
   * experiment (an update of its status to STOPPED, nothing else) and setting or deleting an
   * override.
   */
  public static MethodAllowlist actions() {
    Map<String, BridgedMethod> m = new LinkedHashMap<>();
    m.put(
        DefinitionServiceGrpc.getUpdateExperimentMethod().getFullMethodName(),
        new BridgedMethod(
            DefinitionServiceGrpc.getUpdateExperimentMethod(),
            Peer.ASSIGNMENT,
            MethodAllowlist::onlyStop));
    add(m, OverrideServiceGrpc.getSetOverrideMethod(), Peer.ASSIGNMENT);
    add(m, OverrideServiceGrpc.getDeleteOverrideMethod(), Peer.ASSIGNMENT);
    return new MethodAllowlist(m);
  }

  /** The method with this full name ({@code package.Service/Method}), if allowed. */
  public Optional<BridgedMethod> find(String fullMethodName) {
    return Optional.ofNullable(methods.get(fullMethodName));
  }

  /** Every allowed full method name. */
  public Set<String> names() {
    return methods.keySet();
  }

  private static void add(
      Map<String, BridgedMethod> m, io.grpc.MethodDescriptor<?, ?> method, Peer peer) {
    m.put(method.getFullMethodName(), new BridgedMethod(method, peer, RequestCheck.NONE));
  }

  private static com.google.protobuf.Message onlyStop(com.google.protobuf.Message message) {
    UpdateExperimentRequest request = (UpdateExperimentRequest) message;
    if (request.getUpdateMask().getPathsCount() == 0) {
      throw BridgeException.invalidField("update_mask", "must name status");
    }
    for (String path : request.getUpdateMask().getPathsList()) {
      if (!STOP_MASK_PATHS.contains(path)) {
        throw BridgeException.invalidField(
            "update_mask",
            "the console only stops experiments (status, rolled_out_variation); got " + path);
      }
    }
    if (request.getExperiment().getStatus() != ExperimentStatus.EXPERIMENT_STATUS_STOPPED) {
      throw BridgeException.invalidField(
          "experiment.status", "the console only sets EXPERIMENT_STATUS_STOPPED");
    }
    return request;
  }
}
