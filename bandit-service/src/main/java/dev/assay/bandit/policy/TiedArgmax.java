package dev.assay.bandit.policy;

import dev.assay.bandit.propensity.Propensity;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The indices sharing the largest score, picked uniformly: the prepared state of a deterministic
 * policy (UCB1, LinUCB for one context, epsilon-greedy's greedy step), which splits ties evenly.
 */
final class TiedArgmax implements PreparedPolicy {
  private final int[] winners;
  private final int size;

  private TiedArgmax(int[] winners, int size) {
    this.winners = winners;
    this.size = size;
  }

  /** The maxima of {@code scores} (exact equality; {@code +Infinity} ties with itself). */
  static TiedArgmax of(double[] scores) {
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
  @Override
  public int choose(double[] context, RandomGenerator rng) {
    return size == 1 ? winners[0] : winners[rng.nextInt(size)];
  }

  @Override
  public Propensity propensity(int arm, double[] context) {
    return Propensity.exact(share(arm));
  }

  /** The probability that {@link #choose} returns {@code index}: 1/ties for a maximum, else 0. */
  double share(int index) {
    for (int i = 0; i < size; i++) {
      if (winners[i] == index) {
        return 1.0 / size;
      }
    }
    return 0.0;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOf(winners, size));
  }
}
