package dev.assay.assignment.exposures;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lossy, lock-free memory of (experiment, unit) pairs already recorded: a fixed table of 64-bit
 * hashes in buckets of eight slots (64 bytes, about a cache line), where a full bucket gives up one
 * of its pairs for a newer one. It only saves work, since the analysis service keeps each unit's
 * first exposure and ignores the rest: a forgotten pair is sent again (a duplicate analysis drops),
 * and two pairs with the same 64-bit hash (about one in 2^64) would hide the second.
 *
 * <p>Buckets rather than single slots: units are evaluated over and over, and two pairs sharing a
 * single slot would push each other out on every pass and be re-sent each time. With eight ways a
 * table a tenth full practically never overflows a bucket.
 */
final class SeenExposures {
  private static final int WAYS = 8;

  private final AtomicLongArray slots;
  private final int bucketMask;

  /** A table of {@code slots} entries, a power of two and at least 8 (8 bytes each). */
  SeenExposures(int slots) {
    if (Integer.bitCount(slots) != 1 || slots < WAYS) {
      throw new IllegalArgumentException("slots must be a power of two >= 8, got " + slots);
    }
    this.slots = new AtomicLongArray(slots);
    this.bucketMask = (slots - 1) & ~(WAYS - 1);
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

  /** Whether the pair with this hash was recorded (and not pushed out since). */
  boolean contains(long hash) {
    int bucket = bucket(hash);
    for (int i = 0; i < WAYS; i++) {
      // Opaque access: no ordering is needed for a hint, only a value not torn or cached forever.
      if (slots.getOpaque(bucket + i) == hash) {
        return true;
      }
    }
    return false;
  }

  /** Remembers the pair: in a free slot of its bucket, else in place of one chosen by the hash. */
  void add(long hash) {
    int bucket = bucket(hash);
    for (int i = 0; i < WAYS; i++) {
      long held = slots.getOpaque(bucket + i);
      if (held == hash || (held == 0 && slots.compareAndSet(bucket + i, 0, hash))) {
        return;
      }
    }
    slots.setOpaque(bucket + (int) (hash >>> 61), hash); // the top three bits pick one of eight
  }

  /** Forgets the pair, so that its next evaluation records it again. */
  void forget(long hash) {
    int bucket = bucket(hash);
    for (int i = 0; i < WAYS; i++) {
      slots.compareAndSet(bucket + i, hash, 0);
    }
  }

  private int bucket(long hash) {
    return (int) hash & bucketMask;
  }
}
