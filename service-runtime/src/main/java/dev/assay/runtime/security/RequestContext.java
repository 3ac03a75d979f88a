package dev.assay.runtime.security;

import io.grpc.Context;

/**
 * What the authentication interceptor learned about the current call, for the handler and the audit
 * trail: the caller, the full method name and the caller's reason for a write.
 *
 * @param caller who is calling
 * @param method the full gRPC method name, empty outside a call
 * @param reason the {@code assay-audit-reason} metadata, empty when not sent
 */
public record RequestContext(Caller caller, String method, String reason) {
  static final Context.Key<RequestContext> KEY = Context.key("assay-request");

  /** Outside any intercepted call (unit tests of a handler, start-up seeding). */
  private static final RequestContext OUTSIDE = new RequestContext(Caller.ANONYMOUS, "", "");

  /** The current call's context; anonymous and empty outside an intercepted call. */
  public static RequestContext current() {
    RequestContext context = KEY.get();
    return context == null ? OUTSIDE : context;
  }

  /** The current call's caller. */
  public static Caller currentCaller() {
    return current().caller();
  }
}
