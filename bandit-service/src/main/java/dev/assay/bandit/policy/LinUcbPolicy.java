package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.Propensity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Disjoint LinUCB (Li, Chu, Langford and Schapire 2010, Algorithm 1): per arm a ridge regression
 * {@code A = ridge*I + X'X}, {@code theta = A^-1 X'y}; play the largest {@code theta.x + alpha
 * sqrt(x' A^-1 x)}. Deterministic given the context: exact propensity with ties split evenly.
 */
public final class LinUcbPolicy implements Policy {
  private final PolicySpec.LinUcb spec;

  /** LinUCB with the spec's dimension, alpha and ridge. */
  public LinUcbPolicy(PolicySpec.LinUcb spec) {
    this.spec = spec;
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }

  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return NormalGammaPosterior.of(0, 1, 1, 1, stats);
  }

  @Override
  public boolean reportsProbabilityBest() {
    return false;
  }

  @Override
  public Optional<String> rewardProblem(double reward) {
    return Policy.finiteProblem(reward);
  }

  /** The ridge-regression coefficients of one arm, named {@code theta_0..}. */
  public Map<String, Double> coefficients(ArmStats stats) {
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
    RealMatrix inverse =
        new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().getInverse();
    double[] moment = stats.moment().length == d ? stats.moment() : new double[d];
    return new Regression(inverse.getData(), inverse.operate(moment));
  }

  private record Regression(double[][] inverse, double[] theta) {
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
      return best(context).pick(rng);
    }

    @Override
    public Propensity propensity(int arm, double[] context) {
      TiedArgmax best = best(context);
      return Propensity.exact(best.contains(arm) ? 1.0 / best.size() : 0.0);
    }
  }
}
