package dev.assay.assignment.api;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Scope;

/**
 * The scope each assignment RPC requires (docs/security.md, "Assignment service"). A write scope
 * includes its read scope, so a token with {@code experiments:write} may also read.
 */
public final class AssignmentScopes {
  /** Every assignment method → its scope. */
  public static final MethodScopes TABLE =
      MethodScopes.builder()
          .requireAll(EvaluationServiceGrpc.getServiceDescriptor(), Scope.EVALUATE)
          .require(DefinitionServiceGrpc.getGetExperimentMethod(), Scope.EXPERIMENTS_READ)
          .require(DefinitionServiceGrpc.getListExperimentsMethod(), Scope.EXPERIMENTS_READ)
          // A preview changes nothing: it is a read, even though it describes a write.
          .require(DefinitionServiceGrpc.getPreviewExperimentChangeMethod(), Scope.EXPERIMENTS_READ)
          .require(DefinitionServiceGrpc.getCreateExperimentMethod(), Scope.EXPERIMENTS_WRITE)
          .require(DefinitionServiceGrpc.getUpdateExperimentMethod(), Scope.EXPERIMENTS_WRITE)
          .require(DefinitionServiceGrpc.getArchiveExperimentMethod(), Scope.EXPERIMENTS_WRITE)
          .require(DefinitionServiceGrpc.getGetFeatureFlagMethod(), Scope.FLAGS_READ)
          .require(DefinitionServiceGrpc.getListFeatureFlagsMethod(), Scope.FLAGS_READ)
          .require(DefinitionServiceGrpc.getCreateFeatureFlagMethod(), Scope.FLAGS_WRITE)
          .require(DefinitionServiceGrpc.getUpdateFeatureFlagMethod(), Scope.FLAGS_WRITE)
          .require(DefinitionServiceGrpc.getArchiveFeatureFlagMethod(), Scope.FLAGS_WRITE)
          .require(OverrideServiceGrpc.getListOverridesMethod(), Scope.OVERRIDES_READ)
          .require(OverrideServiceGrpc.getSetOverrideMethod(), Scope.OVERRIDES_WRITE)
          .require(OverrideServiceGrpc.getBatchSetOverridesMethod(), Scope.OVERRIDES_WRITE)
          .require(OverrideServiceGrpc.getDeleteOverrideMethod(), Scope.OVERRIDES_WRITE)
          .build();

  private AssignmentScopes() {}
}
