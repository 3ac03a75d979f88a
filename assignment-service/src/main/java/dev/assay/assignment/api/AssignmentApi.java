package dev.assay.assignment.api;

import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.overrides.OverrideRegistry;
import dev.assay.runtime.audit.AuditTrail;
import io.grpc.BindableService;
import java.util.List;

/**
 * The assignment service's gRPC contract ({@code assay.assignment.v1}): one adapter per service of
 * the contract, each translating between protobuf and the domain and nothing more.
 */
public final class AssignmentApi {
  private AssignmentApi() {}

  /**
   * The gRPC services in front of the domain, in the order they are served; every write they
   * acknowledge is recorded in {@code audit}.
   */
  public static List<BindableService> services(
      Evaluator evaluator,
      ExperimentCatalog experiments,
      FlagCatalog flags,
      OverrideRegistry overrides,
      AuditTrail audit) {
    return List.of(
        new EvaluationGrpcService(evaluator),
        new DefinitionGrpcService(experiments, flags, audit),
        new OverrideGrpcService(overrides, audit));
  }
}
