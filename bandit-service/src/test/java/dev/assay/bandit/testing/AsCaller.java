package dev.assay.bandit.testing;

import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.OffPolicyServiceGrpc;
import dev.assay.runtime.security.AuthInterceptor;
import dev.assay.runtime.security.BearerCredentials;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;

/**
 * Stubs that call a replica as one token holder, sending {@code reason} as the audit reason when it
 * is not empty.
 *
 * @param channel the replica's channel
 * @param bearer the token, as {@code TestTokens.create} returns it
 * @param reason the {@code assay-audit-reason} to send, or empty
 */
public record AsCaller(Channel channel, String bearer, String reason) {
  /** Without an audit reason. */
  public AsCaller(Channel channel, String bearer) {
    this(channel, bearer, "");
  }

  /** The same caller giving {@code why} as the reason of its writes. */
  public AsCaller because(String why) {
    return new AsCaller(channel, bearer, why);
  }

  /** Admin stub. */
  public BanditAdminServiceGrpc.BanditAdminServiceBlockingStub admin() {
    return as(BanditAdminServiceGrpc.newBlockingStub(channel));
  }

  /** Selection/reward/inspection stub. */
  public BanditServiceGrpc.BanditServiceBlockingStub bandits() {
    return as(BanditServiceGrpc.newBlockingStub(channel));
  }

  /** Async stub (for streaming). */
  public BanditServiceGrpc.BanditServiceStub banditsAsync() {
    return as(BanditServiceGrpc.newStub(channel));
  }

  /** Off-policy stub. */
  public OffPolicyServiceGrpc.OffPolicyServiceBlockingStub offPolicy() {
    return as(OffPolicyServiceGrpc.newBlockingStub(channel));
  }

  private <S extends AbstractStub<S>> S as(S stub) {
    Metadata headers = new Metadata();
    if (!reason.isEmpty()) {
      headers.put(AuthInterceptor.AUDIT_REASON, reason);
    }
    ClientInterceptor attach = MetadataUtils.newAttachHeadersInterceptor(headers);
    return stub.withCallCredentials(new BearerCredentials(bearer)).withInterceptors(attach);
  }
}
