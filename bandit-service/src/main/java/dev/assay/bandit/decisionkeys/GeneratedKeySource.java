package dev.assay.bandit.decisionkeys;

import dev.assay.bandit.store.BanditStore;
import dev.assay.runtime.log.EventLog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One random key, generated when no keys file is configured. On Redis the first replica's key is
 * stored (SET NX) and every replica adopts it, so each verifies the others' ids; each poll writes
 * it again if the store lost it, and adopts the stored one if another replica's got there first
 * (the key it signed with until then stays accepted as a superseded key). In memory the key lives
 * and dies with the process.
 */
final class GeneratedKeySource implements KeySource {
  private static final int SECRET_BYTES = 32;

  private final BanditStore store;
  private final Clock clock;
  private final SecureRandom random;
  private byte[] secret = new byte[0];

  GeneratedKeySource(BanditStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public DecisionKeyRing initial() {
    byte[] candidate = new byte[SECRET_BYTES];
    random.nextBytes(candidate);
    secret = store.sharedDecisionSecret(candidate);
    return DecisionKeyRing.of(List.of(new DecisionKey(idOf(secret), secret, Optional.empty())));
  }

  @Override
  public Optional<DecisionKeyRing> next(DecisionKeyRing current) {
    if (!store.isShared()) {
      return Optional.empty();
    }
    byte[] stored;
    try {
      stored = store.sharedDecisionSecret(secret);
    } catch (RuntimeException e) {
      EventLog.warn(
          "bandit.decision_keys.shared_check_failed",
          "problem",
          e.getClass().getSimpleName(),
          "note",
          "keeping key " + idOf(secret));
      return Optional.empty();
    }
    if (MessageDigest.isEqual(stored, secret)) {
      return Optional.empty();
    }
    List<DecisionKey> keys = new ArrayList<>(current.keys());
    keys.add(new DecisionKey(idOf(stored), stored, Optional.of(clock.instant())));
    while (keys.size() > DecisionKeyRing.MAX_KEYS) {
      keys.remove(0);
    }
    EventLog.warn(
        "bandit.decision_keys.shared_key_replaced",
        "old_key_id",
        idOf(secret),
        "new_key_id",
        idOf(stored),
        "note",
        "the store held another replica's generated key; signing with it from now on");
    secret = stored;
    return Optional.of(DecisionKeyRing.of(keys));
  }

  @Override
  public String describe() {
    return store.isShared()
        ? "generated, shared through the store"
        : "generated, this process only";
  }

  /**
   * A key id naming the secret without revealing it: 8 bytes of its SHA-256, so replicas that
   * generated different secrets never share an id.
   */
  static String idOf(byte[] secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
      return "generated-"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK provides no SHA-256", e);
    }
  }
}
