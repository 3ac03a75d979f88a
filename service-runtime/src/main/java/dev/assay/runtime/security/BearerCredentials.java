package dev.assay.runtime.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Client side: sends {@code authorization: Bearer <token>} on every call of a stub ({@code
 * stub.withCallCredentials(new BearerCredentials(token))}), for the CLI, benchmarks and tests.
 */
public final class BearerCredentials extends CallCredentials {
  private final String token;

  public BearerCredentials(String token) {
    this.token = token;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    try {
      Metadata headers = new Metadata();
      headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    } catch (RuntimeException e) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("could not attach the token"));
    }
  }

  /** Never the token. */
  @Override
  public String toString() {
    return "BearerCredentials[***]";
  }
}
