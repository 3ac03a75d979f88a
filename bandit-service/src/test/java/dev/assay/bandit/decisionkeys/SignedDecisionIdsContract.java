package dev.assay.bandit.decisionkeys;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.selection.DecisionIds;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.testing.KeysFiles;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision ids are signed: through gRPC on real replicas, every id this service did not sign, or
 * signed for another bandit, or with a key past its acceptance, is refused with its code and
 * changes nothing; rotation, reload and generated shared keys let replicas verify each other. Runs
 * against memory and the real Redis.
 */
abstract class SignedDecisionIdsContract {
  static final String NOT_ISSUED = "decision_id: not a decision id issued by this service";

  @TempDir Path dir;
  private final List<InProcessBandit> replicas = new ArrayList<>();
  private final Instant t0 = Instant.now();

  /** A fresh, empty store. */
  abstract BanditStore newStore();

  /** Another store object over the same data as the last {@link #newStore} (another replica's). */
  abstract BanditStore sameStore();

  /** Releases what the stores opened. */
  void closeStores() {}

  @AfterEach
  void stop() {
    replicas.forEach(InProcessBandit::close);
    closeStores();
  }

  private InProcessBandit replica(BanditStore store, Optional<Path> keysFile, MutableClock clock) {
    InProcessBandit r = new InProcessBandit(store, Duration.ofMillis(20), keysFile, clock);
    replicas.add(r);
    return r;
  }

  private InProcessBandit replica(Path keysFile) {
    return replica(newStore(), Optional.of(keysFile), new MutableClock(t0));
  }

  private Path file(String name, KeysFiles.Entry... entries) {
    return KeysFiles.write(dir.resolve(name), entries);
  }

  private static String select(InProcessBandit r, String key) {
    return r.bandits().select(SelectRequest.newBuilder().setBanditKey(key).build()).getDecisionId();
  }

  private static boolean reward(InProcessBandit r, String id) {
    return !r.bandits()
        .recordReward(RecordRewardRequest.newBuilder().setDecisionId(id).setReward(1).build())
        .getDuplicate();
  }

  private static double pulls(InProcessBandit r, String key) {
    return r
        .bandits()
        .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build())
        .getArmsList()
        .stream()
        .mapToDouble(a -> a.getPulls())
        .sum();
  }

  private static String keyIdOf(InProcessBandit r, String id) {
    return DecisionIds.open(id, r.decisionKeys().ring()).orElseThrow().keyId();
  }

  /** A decision of bandit {@code key}, arm a, as Select would make it at the replica's time. */
  private static DecisionToken decision(InProcessBandit r, String key, Duration expiresIn) {
    Random random = new Random();
    return new DecisionToken(
        key,
        "a",
        0.5,
        new double[0],
        r.clock().millis() + expiresIn.toMillis(),
        random.nextLong(),
        random.nextLong());
  }

  /**
   * Asserts {@code call} fails with {@code code} and a message starting {@code text}, and that
   * bandit {@code key}'s pulls did not change.
   */
  private static StatusRuntimeException assertRefused(
      InProcessBandit r, String key, Status.Code code, String text, Executable call) {
    double before = pulls(r, key);
    StatusRuntimeException e = assertStatus(code, call);
    String description = String.valueOf(e.getStatus().getDescription());
    assertTrue(description.startsWith(text), description);
    assertEquals(before, pulls(r, key));
    return e;
  }

  private void assertNotIssued(InProcessBandit r, String id) {
    assertRefused(r, "home", Status.Code.INVALID_ARGUMENT, NOT_ISSUED, () -> reward(r, id));
    assertInvalid(() -> reward(r, id), "decision_id");
  }

  @Test
  void forgedIdsOfRandomBytesAreRefused() {
    InProcessBandit r = replica(file("keys.json", KeysFiles.always("k1")));
    r.create(bandit("home", thompsonBernoulli(), "a", "b"));
    Random random = new Random(5);
    for (int n = 0; n < 50; n++) {
      byte[] bytes = new byte[1 + random.nextInt(700)];
      random.nextBytes(bytes);
      bytes[0] = 2;
      assertNotIssued(r, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    assertNotIssued(r, "not-a-decision");
  }

  @Test
  void anIdWithOneByteFlippedInItsFieldsOrItsMacIsRefused() {
    InProcessBandit r = replica(file("keys.json", KeysFiles.always("k1")));
    r.create(bandit("home", thompsonBernoulli(), "a", "b"));
    byte[] raw = Base64.getUrlDecoder().decode(select(r, "home"));
    for (int index : new int[] {10, raw.length / 2, raw.length - 33, raw.length - 1}) {
      byte[] bad = raw.clone();
      bad[index] ^= 0x20;
      assertNotIssued(r, Base64.getUrlEncoder().withoutPadding().encodeToString(bad));
    }
    assertTrue(reward(r, Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
  }

  @Test
  void anIdSignedByAnUnknownKeyIsRefused() {
    InProcessBandit r = replica(file("keys.json", KeysFiles.always("k1")));
    r.create(bandit("home", thompsonBernoulli(), "a", "b"));
    String id =
        DecisionIds.issue(decision(r, "home", Duration.ofMinutes(5)), KeysFiles.always("k2").key());
    assertNotIssued(r, id);
  }

  @Test
  void anIdForAnotherBanditThanTheRequestsIsRefused() {
    InProcessBandit r = replica(file("keys.json", KeysFiles.always("k1")));
    r.create(bandit("home", thompsonBernoulli(), "a", "b"));
    r.create(bandit("away", thompsonBernoulli(), "a", "b"));
    String home = select(r, "home");
    String away = select(r, "away");
    StatusRuntimeException e =
        assertRefused(
            r,
            "away",
            Status.Code.INVALID_ARGUMENT,
            "decision_id: belongs to another bandit ('home')",
            () ->
                r.bandits()
                    .recordReward(
                        RecordRewardRequest.newBuilder()
                            .setDecisionId(home)
                            .setBanditKey("away")
                            .setReward(1)
                            .build()));
    assertInvalid(
        () -> {
          throw e;
        },
        "decision_id");
    RecordRewardsRequest batch =
        RecordRewardsRequest.newBuilder()
            .setBanditKey("away")
            .addRewards(RewardEntry.newBuilder().setDecisionId(away).setReward(1))
            .addRewards(RewardEntry.newBuilder().setDecisionId(home).setReward(1))
            .build();
    assertRefused(
        r,
        "away",
        Status.Code.INVALID_ARGUMENT,
        "rewards[1].decision_id: belongs to another bandit",
        () -> r.bandits().recordRewards(batch));
    assertEquals(0.0, pulls(r, "home"));
    // naming the right bandit, or none, is accepted
    assertEquals(
        1, r.bandits().recordRewards(batch.toBuilder().removeRewards(1).build()).getAppliedCount());
    assertTrue(reward(r, home));
  }

  @Test
  void aSupersededKeyIsAcceptedForTheDecisionTtlAfterItsSuccessorActivates() {
    Instant s = t0.plus(Duration.ofMinutes(30));
    InProcessBandit r = replica(file("keys.json", KeysFiles.always("k1"), KeysFiles.from("k2", s)));
    r.create(bandit("home", thompsonBernoulli(), "a", "b")); // decision TTL 1 h
    r.clock().set(t0.plus(Duration.ofMinutes(10)));
    String early = select(r, "home");
    assertEquals("k1", keyIdOf(r, early));

    r.clock().set(s.plus(Duration.ofMinutes(20))); // k2 signs; k1 is superseded, within the TTL
    r.decisionKeys().poll();
    assertEquals("k2", keyIdOf(r, select(r, "home")));
    assertTrue(reward(r, early));

    // Past S + TTL (+ 1 min of clock skew): an id signed with k1 no longer counts, even one
    // carrying a later expiry (as a leaked old key could sign).
    r.clock().set(s.plus(Duration.ofMinutes(61)).plusSeconds(1));
    String late =
        DecisionIds.issue(
            decision(r, "home", Duration.ofMinutes(30)), KeysFiles.always("k1").key());
    assertRefused(
        r, "home", Status.Code.FAILED_PRECONDITION, "decision_id: expired", () -> reward(r, late));
    // ...while one signed with k2 at the same time does
    assertTrue(
        reward(
            r,
            DecisionIds.issue(
                decision(r, "home", Duration.ofMinutes(30)), KeysFiles.from("k2", s).key())));
  }

  @Test
  void aDecisionOlderThanItsTtlIsExpired() {
    InProcessBandit r = replica(file("keys.json", KeysFiles.always("k1")));
    r.create(bandit("home", thompsonBernoulli(), "a", "b"));
    String id = select(r, "home");
    r.clock().advance(Duration.ofHours(1));
    assertRefused(
        r, "home", Status.Code.FAILED_PRECONDITION, "decision_id: expired", () -> reward(r, id));
  }

  @Test
  void rotationAReplicaSigningWithTheNewKeyIsVerifiedByOneThatOnlyAnnouncesIt() {
    Path newFile =
        file("new.json", KeysFiles.always("k1"), KeysFiles.from("k2", t0.minusSeconds(60)));
    Path oldFile =
        file(
            "old.json", KeysFiles.always("k1"), KeysFiles.from("k2", t0.plus(Duration.ofHours(1))));
    InProcessBandit a = replica(newStore(), Optional.of(newFile), new MutableClock(t0));
    InProcessBandit b = replica(sameStore(), Optional.of(oldFile), new MutableClock(t0));
    a.create(bandit("home", thompsonBernoulli(), "a", "b"));
    b.refreshSnapshot();
    String byA = select(a, "home");
    assertEquals("k2", keyIdOf(a, byA));
    assertTrue(reward(b, byA));
    String byB = select(b, "home");
    assertEquals("k1", keyIdOf(b, byB));
    assertTrue(reward(a, byB));
    assertEquals(2.0, pulls(a, "home"));
  }

  @Test
  void twoReplicasWithoutAKeysFileVerifyEachOthersIds() {
    InProcessBandit a = replica(newStore(), Optional.empty(), new MutableClock(t0));
    InProcessBandit b = replica(sameStore(), Optional.empty(), new MutableClock(t0));
    a.create(bandit("home", thompsonBernoulli(), "a", "b"));
    b.refreshSnapshot();
    assertEquals(a.decisionKeys().signingKey().id(), b.decisionKeys().signingKey().id());
    assertTrue(a.decisionKeys().signingKey().id().startsWith("generated-"));
    assertTrue(reward(b, select(a, "home")));
    assertTrue(reward(a, select(b, "home")));
    assertEquals(2.0, pulls(b, "home"));
  }

  @Test
  void aReloadedFileAddsItsNewKey() {
    Path keys = file("keys.json", KeysFiles.always("k1"));
    InProcessBandit r = replica(keys);
    r.create(bandit("home", thompsonBernoulli(), "a", "b"));
    String byK2 =
        DecisionIds.issue(
            decision(r, "home", Duration.ofMinutes(5)),
            KeysFiles.from("k2", t0.plus(Duration.ofDays(1))).key());
    assertNotIssued(r, byK2);
    KeysFiles.write(
        keys, KeysFiles.always("k1"), KeysFiles.from("k2", t0.plus(Duration.ofDays(1))));
    r.decisionKeys().poll();
    assertTrue(reward(r, byK2));
    assertEquals("k1", r.decisionKeys().signingKey().id());
  }

  @Test
  void aBrokenFileKeepsThePreviousKeysAndLogsNoSecret() {
    Path keys = file("keys.json", KeysFiles.always("k1"));
    String leaked = KeysFiles.always("k7").secretBase64();
    String captured =
        captureLog(
            () -> {
              InProcessBandit r = replica(keys);
              r.create(bandit("home", thompsonBernoulli(), "a", "b"));
              String before = select(r, "home");
              for (String broken :
                  List.of(
                      "{\"keys\":[{\"id\":\"k7\",\"secret\":\"" + leaked + "\"",
                      "{\"keys\":[{\"id\":\"k7\",\"secret\":" + leaked + "}]}",
                      "{\"keys\":[{\"id\":\"k7\",\"secret\":\"" + leaked.substring(8) + "\"}]}",
                      "{\"keys\":[{\"id\":\"k7\",\"secret\":\""
                          + leaked
                          + "\",\"activate_at\":\"2999-01-01T00:00:00Z\"}]}")) {
                KeysFiles.writeText(keys, broken);
                r.decisionKeys().poll();
                assertEquals("k1", r.decisionKeys().signingKey().id());
                assertFalse(r.decisionKeys().ring().find("k7").isPresent());
              }
              assertTrue(reward(r, before));
              KeysFiles.write(
                  keys, KeysFiles.always("k1"), KeysFiles.from("k2", t0.minusSeconds(1)));
              r.decisionKeys().poll();
              assertEquals("k2", keyIdOf(r, select(r, "home")));
            });
    assertTrue(captured.contains("bandit.decision_keys.reload_failed"), captured);
    assertTrue(captured.contains("bandit.decision_keys.reloaded"), captured);
    for (String secret :
        List.of(
            leaked,
            leaked.substring(8),
            leaked.substring(0, 16),
            KeysFiles.always("k1").secretBase64(),
            KeysFiles.always("k1").secretBase64().substring(0, 16),
            KeysFiles.from("k2", t0).secretBase64().substring(0, 16))) {
      assertFalse(captured.contains(secret), "a secret was logged: " + captured);
    }
  }

  /** What {@code run} writes to the log (standard error). */
  static String captureLog(Runnable run) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setErr(original);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }
}
