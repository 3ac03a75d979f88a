package dev.assay.runtime.security;

import dev.assay.runtime.log.ThrottledWarning;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates every call from its {@code authorization: Bearer <token>} metadata and checks the
 * method's scope before the handler sees a byte of the request: no credential or an unknown,
 * revoked or expired one → {@code UNAUTHENTICATED}; a valid one without the scope → {@code
 * PERMISSION_DENIED}. Either way the request is never read, so nothing changes and nothing is
 * looked up. With authentication off every caller is {@link Caller#ANONYMOUS}. Either way the
 * caller, method and audit reason are put in the call's {@link RequestContext}.
 */
public final class AuthInterceptor implements ServerInterceptor {
  /** Standard header: {@code authorization: Bearer <token>}. */
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Why a write is made, recorded in the audit trail. */
  public static final Metadata.Key<String> AUDIT_REASON =
      Metadata.Key.of("assay-audit-reason", Metadata.ASCII_STRING_MARSHALLER);

  /** Longest reason kept; the rest is cut. */
  static final int MAX_REASON_CHARS = 500;

  private static final String BEARER = "bearer ";

  private final @Nullable Authenticator authenticator;
  private final MethodScopes scopes;
  // Anyone can trigger these at will: at most one line a second each, with the count in between.
  private final ThrottledWarning refusals = new ThrottledWarning(System::nanoTime, 1000);
  private final ThrottledWarning denials = new ThrottledWarning(System::nanoTime, 1000);

  /**
   * @param authenticator checks credentials; null means authentication is off
   * @param scopes the scope each method requires
   */
  public AuthInterceptor(@Nullable Authenticator authenticator, MethodScopes scopes) {
    this.authenticator = authenticator;
    this.scopes = scopes;
  }

  /** Whether calls must present a credential. */
  public boolean isEnabled() {
    return authenticator != null;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Caller caller;
    if (authenticator == null) {
      caller = Caller.ANONYMOUS;
    } else {
      Optional<Scope> required = scopes.required(method);
      try {
        caller = authenticator.authenticate(bearer(headers));
      } catch (UnauthenticatedException e) {
        refusals.warn(
            "auth.unauthenticated", "method", method, "reason", String.valueOf(e.getMessage()));
        return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
      }
      if (required.isEmpty() || !caller.holds(required.get())) {
        String needed = required.map(Scope::wireName).orElse("(no scope opens it)");
        denials.warn("auth.denied", "actor", caller.actor(), "method", method, "needs", needed);
        return refuse(
            call,
            Status.PERMISSION_DENIED.withDescription(
                "this token lacks the scope " + needed + " that " + method + " requires"));
      }
    }
    Context context =
        Context.current()
            .withValue(RequestContext.KEY, new RequestContext(caller, method, reason(headers)));
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static String bearer(Metadata headers) throws UnauthenticatedException {
    String value = headers.get(AUTHORIZATION);
    if (value == null || value.isBlank()) {
      throw new UnauthenticatedException(
          "missing credential: send metadata \"authorization: Bearer <token>\"");
    }
    if (value.length() < BEARER.length()
        || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthenticatedException("the authorization metadata must be \"Bearer <token>\"");
    }
    return value.substring(BEARER.length()).strip();
  }

  private static String reason(Metadata headers) {
    String reason = headers.get(AUDIT_REASON);
    if (reason == null) {
      return "";
    }
    return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
  }

  private static <Q> ServerCall.Listener<Q> refuse(ServerCall<Q, ?> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** Turns a bearer credential into a caller. */
  public interface Authenticator {
    /**
     * The caller {@code credential} identifies.
     *
     * @throws UnauthenticatedException if the credential is not accepted
     */
    Caller authenticate(String credential) throws UnauthenticatedException;
  }
}
