package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Conjugate updates against hand-computed values, and draws against the stated mean. */
class PosteriorTest {
  private static ArmStats rewards(double... values) {
    ArmStats s = ArmStats.empty(0);
    for (double v : values) {
      s = s.plus(v, new double[0], 0, 0);
    }
    return s;
  }

  @Test
  void betaPosteriorCountsSuccessesAndFailures() {
    BetaPosterior p = BetaPosterior.of(1, 1, rewards(1, 0, 1, 1));
    assertEquals(4, p.alpha());
    assertEquals(2, p.beta());
    assertEquals(4.0 / 6, p.mean(), 1e-12);
    // scipy.stats.beta(4, 2).ppf([0.025, 0.975])
    assertEquals(0.28358, p.lower95(), 1e-5);
    assertEquals(0.947255, p.upper95(), 1e-5);
  }

  @Test
  void normalGammaPosteriorMatchesTheConjugateFormulas() {
    // prior mu0=0, kappa0=1, alpha0=1, beta0=1; data 1, 2, 3: n=3, mean 2, scatter 2
    NormalGammaPosterior p = NormalGammaPosterior.of(0, 1, 1, 1, rewards(1, 2, 3));
    assertEquals(1.5, p.location(), 1e-12);
    assertEquals(4, p.precisionWeight(), 1e-12);
    assertEquals(2.5, p.shape(), 1e-12);
    assertEquals(1 + 1 + 3 * 4 / 8.0, p.rate(), 1e-12);
    // marginal of the mean: t with 5 dof, scale sqrt(3.5 / (2.5 * 4)); scipy.stats.t(5).ppf(0.975)
    // = 2.570582
    double half = 2.570582 * Math.sqrt(3.5 / 10);
    assertEquals(1.5 - half, p.lower95(), 1e-5);
    assertEquals(1.5 + half, p.upper95(), 1e-5);
  }

  @Test
  void drawsAverageToThePosteriorMean() {
    Well19937c rng = new Well19937c(3);
    for (ArmPosterior p :
        new ArmPosterior[] {
          new BetaPosterior(3, 7), NormalGammaPosterior.of(0, 1, 1, 1, rewards(1, 2, 3))
        }) {
      double sum = 0;
      int n = 100_000;
      for (int i = 0; i < n; i++) {
        sum += p.sample(rng);
      }
      assertEquals(p.mean(), sum / n, 0.01, p.toString());
    }
  }
}
