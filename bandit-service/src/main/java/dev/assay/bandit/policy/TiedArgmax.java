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
  private final boolean[] isWinner;

  private TiedArgmax(int[] winners, int size, int count) {
    this.winners = winners;
    this.size = size;
    this.isWinner = new boolean[count];
    for (int i = 0; i < size; i++) {
      isWinner[winners[i]] = true;
    }
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
    if (size == 0) {
      // every score is NaN: no arm is preferred, so all tie rather than none being choosable
      for (int i = 0; i < scores.length; i++) {
        winners[size++] = i;
      }
    }
    return new TiedArgmax(winners, size, scores.length);
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
    return index >= 0 && index < isWinner.length && isWinner[index] ? 1.0 / size : 0.0;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOf(winners, size));
  }
}
