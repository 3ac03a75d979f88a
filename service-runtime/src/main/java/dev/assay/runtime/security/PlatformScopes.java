package dev.assay.runtime.security;

import dev.assay.security.v1.AuditServiceGrpc;
import dev.assay.security.v1.TokenServiceGrpc;

/** The scopes of the services every Assay server carries: tokens and the audit trail. */
final class PlatformScopes {
  static final MethodScopes TABLE =
      MethodScopes.builder()
          .require(TokenServiceGrpc.getCreateTokenMethod(), Scope.TOKENS_ADMIN)
          .require(TokenServiceGrpc.getListTokensMethod(), Scope.TOKENS_ADMIN)
          .require(TokenServiceGrpc.getRevokeTokenMethod(), Scope.TOKENS_ADMIN)
          .require(AuditServiceGrpc.getListAuditEventsMethod(), Scope.AUDIT_READ)
          .require(AuditServiceGrpc.getExportAuditEventsMethod(), Scope.AUDIT_READ)
          .build();

  private PlatformScopes() {}
}
