package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.Propensity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Disjoint LinUCB (Li, Chu, Langford and Schapire 2010, Algorithm 1): per arm a ridge regression
 * {@code A = ridge*I + X'X}, {@code theta = A^-1 X'y}; play the largest {@code theta.x + alpha
 * sqrt(x' A^-1 x)}. Deterministic given the context: exact propensity with ties split evenly.
 * Inspection reports the coefficients {@code theta_i} as parameters, a Normal-Gamma(0, 1, 1, 1)
 * reference posterior, and no probability of being best (that depends on the context).
 */
record LinUcbPolicy(PolicySpec.LinUcb spec) implements Policy {
  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return NormalGammaPosterior.reference(stats);
  }

  @Override
  public boolean reportsProbabilityBest() {
    return false;
  }

  /** The ridge-regression coefficients of one arm, named {@code theta_0..}. */
  @Override
  public Map<String, Double> parameters(ArmStats stats) {
    Regression r = regression(stats);
    Map<String, Double> named = new HashMap<>();
    for (int i = 0; i < r.theta.length; i++) {
      named.put("theta_" + i, r.theta[i]);
    }
    return named;
  }

  @Override
  public PreparedPolicy prepare(List<ArmStats> arms) {
    List<Regression> regressions = new ArrayList<>(arms.size());
    for (ArmStats a : arms) {
      regressions.add(regression(a));
    }
    return new Prepared(regressions, spec.alpha());
  }

  private Regression regression(ArmStats stats) {
    int d = spec.dimension();
    double[][] a = new double[d][d];
    int k = 0;
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double g = k < stats.gram().length ? stats.gram()[k] : 0.0;
        k++;
        a[i][j] = g;
        a[j][i] = g;
      }
      a[i][i] += spec.ridge();
    }
    RealMatrix inverse = inverse(new Array2DRowRealMatrix(a, false));
    double[] moment = stats.moment().length == d ? stats.moment() : new double[d];
    return new Regression(inverse.getData(), inverse.operate(moment));
  }

  /**
   * {@code A^-1} by Cholesky; when rounding leaves a nearly singular Gram matrix (features of very
   * different scales, or many identical contexts) not positive definite in floating point, the
   * pseudo-inverse instead, so one arm's data never makes the snapshot fail.
   */
  private static RealMatrix inverse(RealMatrix a) {
    try {
      return new CholeskyDecomposition(a).getSolver().getInverse();
    } catch (MathIllegalArgumentException e) {
      return new SingularValueDecomposition(a).getSolver().getInverse();
    }
  }

  /** One arm's ridge regression: {@code A^-1} and {@code theta}. */
  private static final class Regression {
    private final double[][] inverse;
    private final double[] theta;

    Regression(double[][] inverse, double[] theta) {
      this.inverse = inverse;
      this.theta = theta;
    }

    double index(double[] x, double alpha) {
      double mean = 0;
      double variance = 0;
      for (int i = 0; i < x.length; i++) {
        mean += theta[i] * x[i];
        double row = 0;
        for (int j = 0; j < x.length; j++) {
          row += inverse[i][j] * x[j];
        }
        variance += x[i] * row;
      }
      return mean + alpha * Math.sqrt(Math.max(variance, 0.0));
    }
  }

  /** The regressions frozen; the best arms depend on each request's context. */
  private record Prepared(List<Regression> regressions, double alpha) implements PreparedPolicy {
    private TiedArgmax best(double[] context) {
      double[] scores = new double[regressions.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = regressions.get(i).index(context, alpha);
      }
      return TiedArgmax.of(scores);
    }

    @Override
    public int choose(double[] context, RandomGenerator rng) {
      return best(context).choose(context, rng);
    }

    @Override
    public Propensity propensity(int arm, double[] context) {
      return best(context).propensity(arm, context);
    }

    @Override
    public double[] propensities(int arms, double[] context) {
      TiedArgmax tied = best(context);
      double[] out = new double[arms];
      for (int a = 0; a < arms; a++) {
        out[a] = tied.share(a);
      }
      return out;
    }
  }
}
