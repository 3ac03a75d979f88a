package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every method of a server with authentication on, whatever it is: without a token, with a
 * malformed or unknown or revoked token it answers {@code UNAUTHENTICATED}; with a token holding
 * every scope but the one the method needs, {@code PERMISSION_DENIED}; with that scope, neither.
 * Each call sends the method's default (empty) request, which no handler accepts as a write.
 */
public final class AuthMatrix {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private AuthMatrix() {}

  /**
   * Runs the matrix over {@code methods}.
   *
   * @return how many calls were checked
   */
  public static int check(
      Channel channel,
      Security security,
      MethodScopes table,
      List<MethodDescriptor<?, ?>> methods) {
    String revoked = TestTokens.create(security, EnumSet.of(Scope.ADMIN), List.of());
    security.tokens().revoke(Caller.system("test"), revoked.substring(4, 20));
    int calls = 0;
    for (MethodDescriptor<?, ?> method : methods) {
      String name = method.getFullMethodName();
      Scope required =
          table.required(name).orElseThrow(() -> new AssertionError(name + " has no scope"));
      byte[] empty = RawCalls.requestPrototype(method).toByteArray();
      for (String header :
          new String[] {
            "",
            "Basic dXNlcjpwYXNz",
            "Bearer not-a-token",
            "Bearer ast_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "Bearer " + revoked
          }) {
        Status status = RawCalls.call(channel, method, empty, headers(header));
        assertEquals(
            Status.Code.UNAUTHENTICATED, status.getCode(), name + " with '" + header + "'");
        calls++;
      }
      Set<Scope> others = EnumSet.noneOf(Scope.class);
      for (Scope scope : Scope.values()) {
        if (!Scope.expand(EnumSet.of(scope)).contains(required)) {
          others.add(scope);
        }
      }
      String lacking = TestTokens.create(security, others, List.of());
      Status denied = RawCalls.call(channel, method, empty, headers("Bearer " + lacking));
      assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode(), name + " without " + required);
      assertTrue(
          String.valueOf(denied.getDescription()).contains(required.wireName()),
          "names the missing scope: " + denied.getDescription());
      String holding = TestTokens.create(security, EnumSet.of(required), List.of());
      Status allowed = RawCalls.call(channel, method, empty, headers("Bearer " + holding));
      assertNotEquals(Status.Code.UNAUTHENTICATED, allowed.getCode(), name);
      assertNotEquals(Status.Code.PERMISSION_DENIED, allowed.getCode(), name);
      calls += 2;
    }
    return calls;
  }

  /** Metadata carrying {@code authorization}, or none when {@code value} is empty. */
  public static Metadata headers(String value) {
    Metadata headers = new Metadata();
    if (!value.isEmpty()) {
      headers.put(AUTHORIZATION, value);
    }
    return headers;
  }
}
