package dev.assay.assignment.exposures;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lossy, lock-free memory of (experiment, unit) pairs already recorded: a fixed table of 64-bit
 * hashes, one per slot, where a newer pair overwrites an older one. It only saves work, since the
 * analysis service keeps each unit's first exposure and ignores the rest: a forgotten pair is sent
 * again (a duplicate analysis drops), and two pairs with the same 64-bit hash (about one in 2^64)
 * would hide the second.
 */
final class SeenExposures {
  private final AtomicLongArray slots;
  private final int mask;

  /** A table of {@code slots} entries, a power of two (8 bytes each). */
  SeenExposures(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, got " + slots);
    }
    this.slots = new AtomicLongArray(slots);
    this.mask = slots - 1;
  }

  /** The pair's hash: FNV-1a 64 over both strings and a separator, then MurmurHash3's fmix64. */
  static long hash(String experimentKey, String unitId) {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, experimentKey);
    h = (h ^ 0xFFFF) * 0x100000001b3L; // not a char of a key: "a"+"bc" differs from "ab"+"c"
    h = fnv(h, unitId);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h; // 0 marks an empty slot
  }

  private static long fnv(long h, String text) {
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** Whether the pair with this hash was recorded (and not overwritten since). */
  boolean contains(long hash) {
    // Opaque access: no ordering is needed for a hint, only a value not torn or cached forever.
    return slots.getOpaque(slot(hash)) == hash;
  }

  /** Remembers the pair. */
  void add(long hash) {
    slots.setOpaque(slot(hash), hash);
  }

  /** Forgets the pair, if its slot still holds it, so that its next evaluation records it again. */
  void forget(long hash) {
    slots.compareAndSet(slot(hash), hash, 0);
  }

  private int slot(long hash) {
    return (int) hash & mask;
  }
}
