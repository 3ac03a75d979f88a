package dev.assay.bandit.decisionkeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a replica knows, and the rules that pick among them. The key that signs at time {@code
 * t} is the one with the latest activation at or before {@code t} (a key without an activation
 * counts as activated at the start of time). Every key is accepted for verification, including keys
 * whose activation is still ahead, so a new key can reach every replica before any replica signs
 * with it. A key is <em>superseded</em> at the activation of the next key, once that has passed;
 * how long a superseded key's ids still take rewards is the reward path's rule.
 *
 * <p>Activations are distinct (at most one key has none), so at any time at most one key signs.
 */
public final class DecisionKeyRing {
  /** Most keys in a ring: enough for years of monthly rotations with overlap. */
  public static final int MAX_KEYS = 100;

  private static final Comparator<DecisionKey> BY_ACTIVATION =
      Comparator.comparing(k -> k.activateAt().orElse(Instant.MIN));

  /** The keys, earliest activation first. */
  private final List<DecisionKey> keys;

  private DecisionKeyRing(List<DecisionKey> keys) {
    this.keys = keys;
  }

  /**
   * A ring of {@code keys}.
   *
   * @throws IllegalArgumentException if there are none or more than {@link #MAX_KEYS}, two share an
   *     id, or two share an activation (or both have none), which would leave it undecidable which
   *     of them signs
   */
  public static DecisionKeyRing of(List<DecisionKey> keys) {
    if (keys.isEmpty() || keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException(
          "must hold 1 to " + MAX_KEYS + " keys, got " + keys.size());
    }
    Set<String> ids = new HashSet<>();
    Set<Instant> activations = new HashSet<>();
    for (DecisionKey k : keys) {
      if (!ids.add(k.id())) {
        throw new IllegalArgumentException("key id '" + k.id() + "' appears twice");
      }
      if (!activations.add(k.activateAt().orElse(Instant.MIN))) {
        throw new IllegalArgumentException(
            "keys '"
                + k.id()
                + "' and another have the same activate_at"
                + k.activateAt().map(t -> " (" + t + ")").orElse(" (none)")
                + ": which one signs would be undecidable");
      }
    }
    List<DecisionKey> sorted = new ArrayList<>(keys);
    sorted.sort(BY_ACTIVATION);
    return new DecisionKeyRing(List.copyOf(sorted));
  }

  /** Every key, earliest activation first. */
  public List<DecisionKey> keys() {
    return keys;
  }

  /** The key that signs at {@code now}: the latest activated one; empty if none is active yet. */
  public Optional<DecisionKey> signingKeyAt(Instant now) {
    DecisionKey signing = null;
    for (DecisionKey k : keys) {
      if (k.activateAt().isEmpty() || !k.activateAt().get().isAfter(now)) {
        signing = k;
      }
    }
    return Optional.ofNullable(signing);
  }

  /** The key with this id, active, future or superseded. */
  public Optional<DecisionKey> find(String id) {
    for (DecisionKey k : keys) {
      if (k.id().equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * When key {@code id} was superseded: the activation of the key after it, if that is at or before
   * {@code now}; empty for the signing key, a future key or an unknown id.
   */
  public Optional<Instant> supersededAt(String id, Instant now) {
    for (int i = 0; i < keys.size() - 1; i++) {
      if (keys.get(i).id().equals(id)) {
        Instant next = keys.get(i + 1).activateAt().orElseThrow();
        return next.isAfter(now) ? Optional.empty() : Optional.of(next);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "DecisionKeyRing" + keys;
  }
}
