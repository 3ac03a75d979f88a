package dev.assay.bandit.audit;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.testing.AsCaller;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.ArchiveBanditRequest;
import dev.assay.bandit.v1.ArmReward;
import dev.assay.bandit.v1.BackfillRewardsRequest;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditState;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.ResetBanditRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.UpdateBanditRequest;
import dev.assay.runtime.audit.AuditEntry;
import dev.assay.runtime.audit.AuditQuery;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.security.TokenRegistry;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bandit admin write that succeeds leaves one audit entry (who, which method, which bandit,
 * the Bandit before and after, why); a rejected write, a selection or a reward leaves none. Run
 * against the in-memory and the Redis audit log.
 */
abstract class BanditAuditContract {
  static final String KEY = "team-a.home";
  static final String SECURITY = "bandit";
  static final SecuritySettings AUTH_ON = new SecuritySettings(true, null);

  private InProcessBandit replica;
  private AsCaller operator;
  private String operatorActor = "";

  /** A fresh, empty store for one test. */
  abstract BanditStore newStore();

  /** The security of one test's replica, its audit log empty. */
  abstract Security newSecurity(Clock clock);

  /** Releases what the subclass opened for the test. */
  abstract void release();

  @BeforeEach
  void start() {
    replica = new InProcessBandit(newStore(), Duration.ofMillis(20), this::newSecurity);
    TokenRegistry.Created created =
        replica
            .security()
            .tokens()
            .create(
                Caller.system("test"),
                "operator",
                EnumSet.of(Scope.BANDIT_ADMIN, Scope.BANDIT_SELECT, Scope.BANDIT_REWARD),
                List.of("team-a."),
                null);
    operator = new AsCaller(replica.channel(), created.bearer());
    operatorActor = "token:" + created.token().id();
  }

  @AfterEach
  void stop() {
    replica.close();
    release();
  }

  private Bandit create(AsCaller caller, String key) {
    return caller
        .admin()
        .createBandit(
            CreateBanditRequest.newBuilder()
                .setBandit(bandit(key, thompsonBernoulli(), "a", "b"))
                .build())
        .getBandit();
  }

  /** Every entry, oldest first. */
  private List<AuditEntry> entries() {
    List<AuditEntry> all =
        new java.util.ArrayList<>(
            replica.security().audit().log().list(AuditQuery.ALL, 1_000, "").entries());
    java.util.Collections.reverse(all);
    return all;
  }

  private AuditEntry only() {
    List<AuditEntry> all = entries();
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  private void assertEntry(
      AuditEntry entry,
      String method,
      @Nullable Bandit before,
      @Nullable Bandit after,
      String reason) {
    assertEquals(operatorActor, entry.actor());
    assertEquals(SECURITY, entry.service());
    assertEquals("assay.bandit.v1.BanditAdminService/" + method, entry.method());
    assertEquals("bandit", entry.resourceType());
    assertEquals(KEY, entry.resourceId());
    assertEquals(before, parse(entry.beforeJson()));
    assertEquals(after, parse(entry.afterJson()));
    assertEquals(reason, entry.reason());
  }

  private static @Nullable Bandit parse(@Nullable String json) {
    if (json == null) {
      return null;
    }
    try {
      Bandit.Builder b = Bandit.newBuilder();
      JsonFormat.parser().merge(json, b);
      return b.build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  void createRecordsTheNewBanditWithoutABefore() {
    Bandit created = create(operator.because("launch the home page test"), KEY);
    AuditEntry entry = only();
    assertEntry(entry, "CreateBandit", null, created, "launch the home page test");
    assertNull(entry.beforeJson());
  }

  @Test
  void updateRecordsTheBanditBeforeAndAfter() {
    Bandit created = create(operator, KEY);
    Bandit updated =
        operator
            .because("clearer description")
            .admin()
            .updateBandit(
                UpdateBanditRequest.newBuilder()
                    .setBandit(Bandit.newBuilder().setKey(KEY).setDescription("home page arms"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("description"))
                    .build())
            .getBandit();
    List<AuditEntry> all = entries();
    assertEquals(2, all.size());
    assertEntry(all.get(1), "UpdateBandit", created, updated, "clearer description");
    assertEquals("home page arms", updated.getDescription());
  }

  @Test
  void archiveRecordsTheStateChangeOnceAndAnArchivedBanditArchivedAgainRecordsNothing() {
    Bandit created = create(operator, KEY);
    ArchiveBanditRequest archive = ArchiveBanditRequest.newBuilder().setKey(KEY).build();
    Bandit archived = operator.because("done").admin().archiveBandit(archive).getBandit();
    assertEquals(BanditState.BANDIT_STATE_ARCHIVED, archived.getState());
    operator.admin().archiveBandit(archive);
    List<AuditEntry> all = entries();
    assertEquals(2, all.size(), all.toString());
    assertEntry(all.get(1), "ArchiveBandit", created, archived, "done");
  }

  @Test
  void resetRecordsTheBanditItCleared() {
    Bandit created = create(operator, KEY);
    Bandit reset =
        operator
            .because("bad rewards")
            .admin()
            .resetBandit(ResetBanditRequest.newBuilder().setKey(KEY).build())
            .getBandit();
    List<AuditEntry> all = entries();
    assertEquals(2, all.size());
    assertEntry(all.get(1), "ResetBandit", created, reset, "bad rewards");
  }

  @Test
  void rejectedWritesRecordNothing() {
    Bandit created = create(operator, KEY);
    int before = entries().size();
    assertStatus(Status.Code.ALREADY_EXISTS, () -> create(operator, KEY));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        () ->
            operator
                .admin()
                .createBandit(
                    CreateBanditRequest.newBuilder()
                        .setBandit(bandit("team-a.no-arms", thompsonBernoulli()))
                        .build()));
    assertStatus(Status.Code.PERMISSION_DENIED, () -> create(operator, "team-b.home"));
    assertStatus(
        Status.Code.ABORTED,
        () ->
            operator
                .admin()
                .updateBandit(
                    UpdateBanditRequest.newBuilder()
                        .setBandit(Bandit.newBuilder().setKey(KEY).setDescription("x"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description"))
                        .setExpectedVersion(created.getVersion() + 1)
                        .build()));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        () ->
            operator
                .admin()
                .updateBandit(
                    UpdateBanditRequest.newBuilder()
                        .setBandit(Bandit.newBuilder().setKey(KEY))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("key"))
                        .build()));
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            operator
                .admin()
                .archiveBandit(ArchiveBanditRequest.newBuilder().setKey("team-a.ghost").build()));
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            operator
                .admin()
                .resetBandit(ResetBanditRequest.newBuilder().setKey("team-a.ghost").build()));
    AsCaller reader =
        new AsCaller(
            replica.channel(),
            replica
                .security()
                .tokens()
                .create(Caller.system("test"), "reader", Set.of(Scope.BANDIT_READ), List.of(), null)
                .bearer());
    assertStatus(
        Status.Code.PERMISSION_DENIED,
        () -> reader.admin().resetBandit(ResetBanditRequest.newBuilder().setKey(KEY).build()));
    assertEquals(before, entries().size(), entries().toString());
  }

  @Test
  void selectionsAndRewardsAreNotAuditedButABackfillIsOnceWithItsCounts() {
    create(operator, KEY);
    int before = entries().size();
    for (int i = 0; i < 3; i++) {
      String decision =
          operator
              .bandits()
              .select(SelectRequest.newBuilder().setBanditKey(KEY).setUnitId("u" + i).build())
              .getDecisionId();
      if (i == 0) {
        operator
            .bandits()
            .recordReward(
                RecordRewardRequest.newBuilder().setDecisionId(decision).setReward(1).build());
      } else {
        operator
            .bandits()
            .recordRewards(
                RecordRewardsRequest.newBuilder()
                    .addRewards(RewardEntry.newBuilder().setDecisionId(decision).setReward(0))
                    .build());
      }
    }
    AsCaller admin =
        new AsCaller(
            replica.channel(),
            replica
                .security()
                .tokens()
                .create(Caller.system("test"), "admin", Set.of(Scope.ADMIN), List.of(), null)
                .bearer());
    admin
        .bandits()
        .backfillRewards(
            BackfillRewardsRequest.newBuilder()
                .setBanditKey(KEY)
                .setRequestId("import-1")
                .addRewards(ArmReward.newBuilder().setArmId("a").setReward(1))
                .addRewards(ArmReward.newBuilder().setArmId("a").setReward(0))
                .build());
    assertEquals(before + 1, entries().size(), entries().toString());
    AuditEntry backfill = entries().get(entries().size() - 1);
    assertEquals("bandit", backfill.resourceType());
    assertEquals(KEY, backfill.resourceId());
    assertEquals("assay.bandit.v1.BanditService/BackfillRewards", backfill.method());
    assertEquals(null, backfill.beforeJson());
    String after = String.valueOf(backfill.afterJson());
    for (String field :
        List.of(
            "\"appliedCount\":2.0",
            "\"backfillRequestId\":\"import-1\"",
            "\"duplicateCount\":0.0")) {
      assertTrue(after.contains(field), after);
    }

    admin
        .bandits()
        .backfillRewards(
            BackfillRewardsRequest.newBuilder()
                .setBanditKey(KEY)
                .setRequestId("import-1")
                .addRewards(ArmReward.newBuilder().setArmId("a").setReward(1))
                .addRewards(ArmReward.newBuilder().setArmId("a").setReward(0))
                .build());
    assertEquals(before + 1, entries().size(), "a replayed backfill changes nothing");
  }
}
