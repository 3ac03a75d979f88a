package dev.assay.assignment.support;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.runtime.security.AuthInterceptor;
import dev.assay.runtime.security.BearerCredentials;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * Stubs of the assignment services that call as one token, optionally with a reason for the audit
 * trail ({@code assay-audit-reason}), as a real client does.
 *
 * @param actor the audit trail's actor for the token ({@code token:<id>})
 */
public record TokenStubs(
    String actor,
    EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation,
    EvaluationServiceGrpc.EvaluationServiceStub asyncEvaluation,
    DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions,
    OverrideServiceGrpc.OverrideServiceBlockingStub overrides) {

  /** Stubs on {@code channel} sending {@code bearer}, and {@code reason} unless it is empty. */
  public static TokenStubs of(Channel channel, String bearer, String reason) {
    BearerCredentials credentials = new BearerCredentials(bearer);
    Metadata headers = new Metadata();
    if (!reason.isEmpty()) {
      headers.put(AuthInterceptor.AUDIT_REASON, reason);
    }
    var withReason = MetadataUtils.newAttachHeadersInterceptor(headers);
    return new TokenStubs(
        "token:" + idOf(bearer),
        EvaluationServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(credentials)
            .withInterceptors(withReason),
        EvaluationServiceGrpc.newStub(channel)
            .withCallCredentials(credentials)
            .withInterceptors(withReason),
        DefinitionServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(credentials)
            .withInterceptors(withReason),
        OverrideServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(credentials)
            .withInterceptors(withReason));
  }

  /** Stubs sending {@code bearer} and no reason. */
  public static TokenStubs of(Channel channel, String bearer) {
    return of(channel, bearer, "");
  }

  /** A bearer is {@code ast_<16-character id>_<secret>}. */
  private static String idOf(String bearer) {
    return bearer.substring(4, 20);
  }
}
