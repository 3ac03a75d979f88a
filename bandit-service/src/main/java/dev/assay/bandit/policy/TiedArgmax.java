package dev.assay.bandit.policy;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/** The set of indices sharing the largest score; a deterministic policy splits ties evenly. */
public final class TiedArgmax {
  private final int[] winners;
  private final int size;

  private TiedArgmax(int[] winners, int size) {
    this.winners = winners;
    this.size = size;
  }

  /** The maxima of {@code scores} (exact equality; {@code +Infinity} ties with itself). */
  public static TiedArgmax of(double[] scores) {
    int[] winners = new int[scores.length];
    int size = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > best) {
        best = scores[i];
        size = 0;
        winners[size++] = i;
      } else if (scores[i] == best) {
        winners[size++] = i;
      }
    }
    return new TiedArgmax(winners, size);
  }

  /** One of the maxima, uniformly at random. */
  public int pick(RandomGenerator rng) {
    return size == 1 ? winners[0] : winners[rng.nextInt(size)];
  }

  /** Whether {@code index} is among the maxima. */
  public boolean contains(int index) {
    for (int i = 0; i < size; i++) {
      if (winners[i] == index) {
        return true;
      }
    }
    return false;
  }

  /** How many indices tie for the maximum. */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOf(winners, size));
  }
}
