package dev.assay.bandit.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Additive sufficient statistics of one arm's rewards: weight of rewards seen ({@code pulls}),
 * their sum and sum of squares, and for contextual policies the Gram matrix {@code X'X} (upper
 * triangle, row-major) and {@code X'y}. Every policy reads what it needs from these, so a reward is
 * always the same set of increments, which the stores apply atomically as named fields (see {@link
 * #increments}).
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare contents
public record ArmStats(
    double pulls,
    double rewardSum,
    double rewardSquares,
    double[] gram,
    double[] moment,
    long updatedMillis) {

  /** Field names used by the stores: pulls. */
  private static final String PULLS = "n";

  /** Field: reward sum. */
  private static final String SUM = "s";

  /** Field: sum of squared rewards. */
  private static final String SQUARES = "q";

  /** Field: last update, epoch milliseconds (drives discounting; the stores set it). */
  public static final String UPDATED = "t";

  /** No rewards yet, for a policy reading {@code dimension} context features. */
  public static ArmStats empty(int dimension) {
    return new ArmStats(0, 0, 0, new double[triangleSize(dimension)], new double[dimension], 0);
  }

  /** Number of entries in the upper triangle of a {@code d x d} matrix. */
  static int triangleSize(int dimension) {
    return dimension * (dimension + 1) / 2;
  }

  /** Mean reward, or 0 before any reward. */
  public double mean() {
    return pulls > 0 ? rewardSum / pulls : 0.0;
  }

  /** The field increments one reward adds (context may be empty). */
  public static Map<String, Double> increments(double reward, double[] context) {
    Map<String, Double> fields = new HashMap<>();
    fields.put(PULLS, 1.0);
    fields.put(SUM, reward);
    fields.put(SQUARES, reward * reward);
    int d = context.length;
    int k = 0;
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        fields.put("g" + k++, context[i] * context[j]);
      }
      fields.put("m" + i, reward * context[i]);
    }
    return fields;
  }

  /** Reads the stored fields; missing fields are zero. */
  public static ArmStats fromFields(Map<String, Double> fields, int dimension) {
    double[] gram = new double[triangleSize(dimension)];
    for (int k = 0; k < gram.length; k++) {
      gram[k] = fields.getOrDefault("g" + k, 0.0);
    }
    double[] moment = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      moment[i] = fields.getOrDefault("m" + i, 0.0);
    }
    return new ArmStats(
        fields.getOrDefault(PULLS, 0.0),
        fields.getOrDefault(SUM, 0.0),
        fields.getOrDefault(SQUARES, 0.0),
        gram,
        moment,
        fields.getOrDefault(UPDATED, 0.0).longValue());
  }

  /** These statistics plus one reward, decayed first if {@code halfLifeMillis > 0}. */
  public ArmStats plus(double reward, double[] context, long nowMillis, long halfLifeMillis) {
    ArmStats base = decayedTo(nowMillis, halfLifeMillis);
    double[] g = base.gram.clone();
    double[] m = base.moment.clone();
    int k = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = i; j < m.length; j++) {
        g[k++] += context[i] * context[j];
      }
      m[i] += reward * context[i];
    }
    return new ArmStats(
        base.pulls + 1,
        base.rewardSum + reward,
        base.rewardSquares + reward * reward,
        g,
        m,
        nowMillis);
  }

  /**
   * Exponential forgetting: every statistic scaled by {@code 0.5^(elapsed / halfLife)}, so a
   * reward's weight halves every half-life (discounted bandits, Garivier and Moulines 2011).
   */
  public ArmStats decayedTo(long nowMillis, long halfLifeMillis) {
    if (halfLifeMillis <= 0 || updatedMillis <= 0 || nowMillis <= updatedMillis) {
      return this;
    }
    double f = Math.pow(0.5, (double) (nowMillis - updatedMillis) / halfLifeMillis);
    double[] g = gram.clone();
    double[] m = moment.clone();
    for (int i = 0; i < g.length; i++) {
      g[i] *= f;
    }
    for (int i = 0; i < m.length; i++) {
      m[i] *= f;
    }
    return new ArmStats(pulls * f, rewardSum * f, rewardSquares * f, g, m, nowMillis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArmStats other
        && pulls == other.pulls
        && rewardSum == other.rewardSum
        && rewardSquares == other.rewardSquares
        && Arrays.equals(gram, other.gram)
        && Arrays.equals(moment, other.moment)
        && updatedMillis == other.updatedMillis;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(pulls) * 31 + Double.hashCode(rewardSum) + Arrays.hashCode(moment);
  }

  @Override
  public String toString() {
    return "ArmStats[pulls="
        + pulls
        + ", rewardSum="
        + rewardSum
        + ", rewardSquares="
        + rewardSquares
        + "]";
  }
}
