package dev.assay.bandit.decisionkeys;

import dev.assay.bandit.store.BanditStore;
import dev.assay.runtime.log.EventLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The decision keys of this replica as they are now: from a keys file ({@code
 * --decision-keys-file}, re-read when it changes) or, without one, a generated key (shared through
 * the store when it is Redis). Polling runs on the scheduler it is given; {@link #close} stops it.
 */
public final class DecisionKeys implements AutoCloseable {
  /** How often the keys file (or the shared generated key) is checked for a change. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private final KeySource source;
  private final Clock clock;
  private volatile DecisionKeyRing ring;
  private volatile String loggedSigningKey;
  private @Nullable ScheduledFuture<?> polling;

  private DecisionKeys(KeySource source, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.ring = source.initial();
    this.loggedSigningKey = signingKey().id();
  }

  /**
   * Keys from {@code file}, which must parse and have a key signing now.
   *
   * @throws InvalidKeysFileException naming the problem (never a secret)
   */
  public static DecisionKeys fromFile(Path file, Clock clock) {
    DecisionKeys keys = new DecisionKeys(new KeysFileWatch(file, clock), clock);
    EventLog.info(
        "bandit.decision_keys",
        "mode",
        "file",
        "path",
        file,
        "key_ids",
        keys.keyIds(),
        "signing_key_id",
        keys.loggedSigningKey);
    return keys;
  }

  /** A key generated from {@code random}, shared through {@code store} if it is shared. */
  public static DecisionKeys generated(BanditStore store, Clock clock, SecureRandom random) {
    KeySource source = new GeneratedKeySource(store, clock, random);
    DecisionKeys keys = new DecisionKeys(source, clock);
    EventLog.warn(
        "bandit.decision_keys",
        "mode",
        source.describe(),
        "signing_key_id",
        keys.loggedSigningKey,
        "note",
        "production should set --decision-keys-file (ASSAY_DECISION_KEYS_FILE): generated keys"
            + " cannot be rotated and, in memory, do not survive a restart");
    return keys;
  }

  /** Checks the source every {@code interval} on {@code scheduler} until {@link #close}. */
  public DecisionKeys pollEvery(Duration interval, ScheduledExecutorService scheduler) {
    long millis = interval.toMillis();
    polling =
        scheduler.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The keys as they are now. */
  public DecisionKeyRing ring() {
    return ring;
  }

  /**
   * The key that signs now.
   *
   * @throws IllegalStateException if none does (only if the clock went back before every key's
   *     activation)
   */
  public DecisionKey signingKey() {
    return signingKey(ring);
  }

  /** The key of {@code keys} that signs now. */
  public DecisionKey signingKey(DecisionKeyRing keys) {
    return keys.signingKeyAt(clock.instant())
        .orElseThrow(
            () -> new IllegalStateException("no decision key is active at " + clock.instant()));
  }

  /** Checks the source now (as a poll does): adopts new keys, logs a change of signing key. */
  public synchronized void poll() {
    DecisionKeyRing current = ring;
    Optional<DecisionKeyRing> next = source.next(current);
    if (next.isPresent()) {
      ring = next.get();
      EventLog.info(
          "bandit.decision_keys.reloaded",
          "key_ids",
          keyIds(),
          "signing_key_id",
          signingKey().id());
    }
    String signing = signingKey().id();
    if (!signing.equals(loggedSigningKey)) {
      EventLog.info(
          "bandit.decision_keys.signing_key_changed",
          "previous_key_id",
          loggedSigningKey,
          "signing_key_id",
          signing);
      loggedSigningKey = signing;
    }
  }

  /** A poll on the scheduler: a failure is logged, and the next poll tries again. */
  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      EventLog.error("bandit.decision_keys.poll_failed", "problem", e.getClass().getSimpleName());
    }
  }

  private String keyIds() {
    return ring.keys().stream().map(DecisionKey::id).collect(Collectors.joining(","));
  }

  /** Stops polling. */
  @Override
  public void close() {
    ScheduledFuture<?> p = polling;
    if (p != null) {
      p.cancel(false);
    }
  }
}
