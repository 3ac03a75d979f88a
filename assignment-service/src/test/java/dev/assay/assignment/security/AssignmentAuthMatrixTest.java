package dev.assay.assignment.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import dev.assay.runtime.testing.TestRedis;
import io.grpc.MethodDescriptor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every assignment RPC with authentication on: refused without a valid token, refused without its
 * scope (naming it), served with it. The table must hold exactly the served methods.
 */
class AssignmentAuthMatrixTest {
  private static final SecuritySettings TOKENS = new SecuritySettings(true, null);
  private final Clock clock = MutableClock.atSystemTime();

  /** The assignment methods (not the token and audit services every server adds). */
  private List<MethodDescriptor<?, ?>> methods() {
    return RawCalls.methods(
        AssignmentDomain.wire(new InMemoryAssignmentStore(), new ReplicaState(), clock).services());
  }

  @Test
  void everyMethodNeedsATokenWithItsScopeInMemory() {
    try (Security security =
            Security.inMemory("assignment", TOKENS, AssignmentScopes.TABLE, clock);
        AssignmentReplica replica =
            new AssignmentReplica(new InMemoryAssignmentStore(), clock, security)) {
      int calls = AuthMatrix.check(replica.channel(), security, AssignmentScopes.TABLE, methods());
      assertEquals(19 * 7, calls, "19 methods, 7 calls each");
    }
  }

  @Test
  void everyMethodNeedsATokenWithItsScopeOnRedis() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      AssignmentStore store =
          redis.closeLater(new RedisAssignmentStore(client, new ProtoStoreCodec()));
      try (Security security =
              Security.create(
                  "assignment", TOKENS, Optional.of(client), AssignmentScopes.TABLE, clock);
          AssignmentReplica replica = new AssignmentReplica(store, clock, security)) {
        int calls =
            AuthMatrix.check(replica.channel(), security, AssignmentScopes.TABLE, methods());
        assertEquals(19 * 7, calls);
      }
    }
  }

  @Test
  void theTableNamesTheScopesTheDocsPromise() {
    assertEquals(
        Optional.of(Scope.EXPERIMENTS_READ),
        AssignmentScopes.TABLE.required(
            "assay.assignment.v1.DefinitionService/PreviewExperimentChange"));
    assertEquals(
        Optional.of(Scope.EVALUATE),
        AssignmentScopes.TABLE.required("assay.assignment.v1.EvaluationService/StreamEvaluate"));
    assertEquals(
        Optional.of(Scope.OVERRIDES_READ),
        AssignmentScopes.TABLE.required("assay.assignment.v1.OverrideService/ListOverrides"));
    assertEquals(
        Optional.of(Scope.FLAGS_WRITE),
        AssignmentScopes.TABLE.required(
            "assay.assignment.v1.DefinitionService/ArchiveFeatureFlag"));
  }
}
