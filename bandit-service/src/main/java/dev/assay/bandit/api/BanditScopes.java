package dev.assay.bandit.api;

import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.OffPolicyServiceGrpc;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Scope;

/**
 * The scope each bandit RPC requires, method by method, so a new RPC is refused at start-up (with
 * authentication on) until someone decides its scope here. The reasoning is in docs/security.md
 * ("Bandit service").
 */
public final class BanditScopes {
  /** Every bandit method → its scope. */
  public static final MethodScopes TABLE =
      MethodScopes.builder()
          // Model servers: choose an arm, report what happened.
          .require(BanditServiceGrpc.getSelectMethod(), Scope.BANDIT_SELECT)
          .require(BanditServiceGrpc.getRecordRewardMethod(), Scope.BANDIT_REWARD)
          .require(BanditServiceGrpc.getRecordRewardsMethod(), Scope.BANDIT_REWARD)
          .require(BanditServiceGrpc.getStreamRewardsMethod(), Scope.BANDIT_REWARD)
          // A backfill writes statistics for arms no Select chose: it could steer any bandit at
          // will, which a reward client (bound to the decisions it was given) cannot.
          .require(BanditServiceGrpc.getBackfillRewardsMethod(), Scope.BANDIT_ADMIN)
          .require(BanditServiceGrpc.getInspectBanditMethod(), Scope.BANDIT_READ)
          // Configuration.
          .require(BanditAdminServiceGrpc.getCreateBanditMethod(), Scope.BANDIT_ADMIN)
          .require(BanditAdminServiceGrpc.getGetBanditMethod(), Scope.BANDIT_READ)
          .require(BanditAdminServiceGrpc.getListBanditsMethod(), Scope.BANDIT_READ)
          .require(BanditAdminServiceGrpc.getUpdateBanditMethod(), Scope.BANDIT_ADMIN)
          .require(BanditAdminServiceGrpc.getArchiveBanditMethod(), Scope.BANDIT_ADMIN)
          .require(BanditAdminServiceGrpc.getResetBanditMethod(), Scope.BANDIT_ADMIN)
          // Reads a bandit's decision log and policy (or computes over the caller's records);
          // writes nothing.
          .require(OffPolicyServiceGrpc.getEvaluatePolicyMethod(), Scope.BANDIT_READ)
          .build();

  private BanditScopes() {}
}
