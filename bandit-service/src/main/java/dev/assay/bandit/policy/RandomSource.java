package dev.assay.bandit.policy;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Where the service's randomness comes from: arm choices, decision nonces, Monte Carlo propensities
 * and probability-of-best draws. Every generator it hands out is seeded from one sequence, so a
 * seeded source replays a run (given the same order of requests); {@code main} seeds it from the
 * operating system's entropy. Two replicas must never share a seed: their decision nonces would
 * repeat.
 */
public final class RandomSource {
  private final AtomicLong state;
  private final ThreadLocal<RandomGenerator> perThread =
      ThreadLocal.withInitial(this::newGenerator);

  private RandomSource(long seed) {
    this.state = new AtomicLong(seed);
  }

  /** A source whose generators follow from {@code seed}. */
  public static RandomSource seeded(long seed) {
    return new RandomSource(seed);
  }

  /** A source seeded from the operating system's entropy, for production. */
  public static RandomSource fromEntropy() {
    return new RandomSource(new SecureRandom().nextLong());
  }

  /** A generator of its own, for one task; not thread-safe. */
  public RandomGenerator newGenerator() {
    return new Well19937c(nextSeed());
  }

  /** The calling thread's generator, created from this source on the thread's first call. */
  public RandomGenerator forCurrentThread() {
    return perThread.get();
  }

  /** SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"). */
  private long nextSeed() {
    long z = state.addAndGet(0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
