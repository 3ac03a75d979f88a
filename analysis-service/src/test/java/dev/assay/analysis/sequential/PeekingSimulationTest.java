package dev.assay.analysis.sequential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.OnlineMoments;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TwoSampleTTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A/A experiments looked at every day: the mixture SPRT stays at or under 5% while the naive
 * fixed-sample t-test inflates; the group-sequential boundaries spend exactly alpha.
 */
class PeekingSimulationTest {
  private static final int EXPERIMENTS = 1000;
  private static final int DAYS = 30;
  private static final int USERS_PER_DAY = 100;

  @Test
  void dailyPeekingStaysAtOrUnderFivePercentWithTheMixtureSprt() {
    SplittableRandom random = new SplittableRandom(2017);
    int sequentialRejections = 0;
    int naiveRejections = 0;
    for (int e = 0; e < EXPERIMENTS; e++) {
      OnlineMoments control = new OnlineMoments();
      OnlineMoments treatment = new OnlineMoments();
      List<Look> looks = new ArrayList<>();
      boolean naiveRejected = false;
      for (int day = 0; day < DAYS; day++) {
        for (int u = 0; u < USERS_PER_DAY; u++) {
          control.add(gaussian(random));
          treatment.add(gaussian(random));
        }
        SampleSummary c = control.summary();
        SampleSummary t = treatment.summary();
        looks.add(new Look(t.mean() - c.mean(), c.varianceOfMean() + t.varianceOfMean()));
        naiveRejected |=
            TwoSampleTTest.test(
                        c, t, TTestMethod.WELCH, Alternative.TWO_SIDED, ConfidenceLevel.DEFAULT)
                    .pValue()
                < 0.05;
      }
      List<AlwaysValidResult> results = MixtureSprt.analyze(looks, 0.01, 0.05);
      sequentialRejections += results.get(DAYS - 1).pValue() <= 0.05 ? 1 : 0;
      naiveRejections += naiveRejected ? 1 : 0;
    }
    double sequentialRate = (double) sequentialRejections / EXPERIMENTS;
    double naiveRate = (double) naiveRejections / EXPERIMENTS;
    double error = 3 * Math.sqrt(0.05 * 0.95 / EXPERIMENTS);
    assertTrue(sequentialRate <= 0.05 + error, "mSPRT rejected " + sequentialRate);
    assertTrue(naiveRate > 0.10, "naive peeking should inflate the error, rejected " + naiveRate);
  }

  @Test
  void groupSequentialBoundariesSpendAlphaUnderTheNull() {
    double[] fractions = {0.2, 0.4, 0.6, 0.8, 1.0};
    for (SpendingFunction spending : SpendingFunction.values()) {
      List<Boundary> boundaries =
          GroupSequentialBoundaries.compute(fractions, 0.05, spending, true);
      SplittableRandom random = new SplittableRandom(11);
      int simulations = 40_000;
      int rejections = 0;
      for (int s = 0; s < simulations; s++) {
        double score = 0.0;
        double previous = 0.0;
        for (int k = 0; k < fractions.length; k++) {
          score += Math.sqrt(fractions[k] - previous) * gaussian(random);
          previous = fractions[k];
          if (Math.abs(score / Math.sqrt(fractions[k])) >= boundaries.get(k).criticalValue()) {
            rejections++;
            break;
          }
        }
      }
      double rate = (double) rejections / simulations;
      double error = 3.5 * Math.sqrt(0.05 * 0.95 / simulations);
      assertTrue(Math.abs(rate - 0.05) <= error, spending + " rejected " + rate);
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
  }
}
