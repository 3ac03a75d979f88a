package dev.assay.analysis.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.bayes.BetaComparison;
import dev.assay.analysis.bayes.BetaPosterior;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TTestResult;
import dev.assay.analysis.means.TwoSampleTTest;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.proportions.ProportionInterval;
import dev.assay.analysis.proportions.ProportionIntervalMethod;
import dev.assay.analysis.proportions.TwoProportionResult;
import dev.assay.analysis.proportions.TwoProportionZTest;
import dev.assay.analysis.ranks.MannWhitneyResult;
import dev.assay.analysis.ranks.MannWhitneyTest;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Invariants over many random inputs: p-values in [0, 1], symmetry when the groups swap, intervals
 * that shrink as n grows, and A/A simulations that reject about alpha of the time.
 */
class TestPropertiesTest {
  private static final ConfidenceLevel LEVEL = ConfidenceLevel.DEFAULT;

  private static SampleSummary randomSummary(Random random) {
    return new SampleSummary(
        2 + random.nextInt(5000),
        random.nextGaussian() * 100,
        Math.pow(10, random.nextDouble() * 6 - 3));
  }

  @Test
  void tTestPValuesAreProbabilitiesAndSwappingGroupsMirrorsTheTest() {
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      SampleSummary a = randomSummary(random);
      SampleSummary b = randomSummary(random);
      for (TTestMethod method : TTestMethod.values()) {
        TTestResult forward = TwoSampleTTest.test(a, b, method, Alternative.TWO_SIDED, LEVEL);
        TTestResult swapped = TwoSampleTTest.test(b, a, method, Alternative.TWO_SIDED, LEVEL);
        assertTrue(forward.pValue() >= 0 && forward.pValue() <= 1);
        assertEquals(
            -forward.statistic(), swapped.statistic(), 1e-12 * Math.abs(forward.statistic()));
        assertEquals(forward.pValue(), swapped.pValue(), 1e-12);
        double greater = TwoSampleTTest.test(a, b, method, Alternative.GREATER, LEVEL).pValue();
        double lessSwapped = TwoSampleTTest.test(b, a, method, Alternative.LESS, LEVEL).pValue();
        assertEquals(greater, lessSwapped, 1e-12);
        assertEquals(
            -forward.differenceInterval().upper(),
            swapped.differenceInterval().lower(),
            1e-9 * (1 + Math.abs(forward.differenceInterval().upper())));
      }
    }
  }

  @Test
  void proportionAndBayesianComparisonsAreSymmetricWhenGroupsSwap() {
    Random random = new Random(8);
    for (int i = 0; i < 500; i++) {
      long n1 = 20L + random.nextInt(3000);
      long n2 = 20L + random.nextInt(3000);
      BinomialCounts a = new BinomialCounts(1 + random.nextInt((int) n1 - 1), n1);
      BinomialCounts b = new BinomialCounts(1 + random.nextInt((int) n2 - 1), n2);
      TwoProportionResult forward = TwoProportionZTest.test(a, b, Alternative.TWO_SIDED, LEVEL);
      TwoProportionResult swapped = TwoProportionZTest.test(b, a, Alternative.TWO_SIDED, LEVEL);
      assertTrue(forward.pValue() >= 0 && forward.pValue() <= 1);
      assertEquals(forward.pValue(), swapped.pValue(), 1e-12);
      assertEquals(
          -forward.statistic(), swapped.statistic(), 1e-12 * (1 + Math.abs(forward.statistic())));
      BetaPosterior pa = BetaPosterior.update(1, 1, a.successes(), a.trials());
      BetaPosterior pb = BetaPosterior.update(1, 1, b.successes(), b.trials());
      double total =
          BetaComparison.probabilityGreater(pa, pb) + BetaComparison.probabilityGreater(pb, pa);
      assertEquals(1.0, total, 1e-10);
    }
  }

  @Test
  void intervalsShrinkAsSamplesGrow() {
    double previousT = Double.POSITIVE_INFINITY;
    double previousWilson = Double.POSITIVE_INFINITY;
    double previousClopper = Double.POSITIVE_INFINITY;
    for (long n = 10; n <= 10_000_000; n *= 10) {
      SampleSummary control = new SampleSummary(n, 10, 4);
      SampleSummary treatment = new SampleSummary(n, 10.5, 4);
      double width =
          TwoSampleTTest.test(control, treatment, TTestMethod.WELCH, Alternative.TWO_SIDED, LEVEL)
              .differenceInterval()
              .width();
      BinomialCounts counts = new BinomialCounts(n / 10, n);
      double wilson = ProportionInterval.of(counts, ProportionIntervalMethod.WILSON, LEVEL).width();
      double clopper =
          ProportionInterval.of(counts, ProportionIntervalMethod.CLOPPER_PEARSON, LEVEL).width();
      assertTrue(
          width < previousT && wilson < previousWilson && clopper < previousClopper, "n=" + n);
      previousT = width;
      previousWilson = wilson;
      previousClopper = clopper;
    }
  }

  @Test
  void aaTTestRejectsAboutFivePercent() {
    Random random = new Random(20261125);
    int simulations = 4000;
    int rejections = 0;
    for (int s = 0; s < simulations; s++) {
      double[] control = random.doubles(60).map(v -> random.nextGaussian()).toArray();
      double[] treatment = random.doubles(40).map(v -> 3 * random.nextGaussian()).toArray();
      TTestResult result =
          TwoSampleTTest.test(
              SampleSummary.of(control),
              SampleSummary.of(treatment),
              TTestMethod.WELCH,
              Alternative.TWO_SIDED,
              LEVEL);
      if (result.pValue() < 0.05) {
        rejections++;
      }
    }
    assertWithinBinomialError(rejections, simulations, 0.05);
  }

  @Test
  void aaProportionAndRankTestsRejectAboutFivePercent() {
    Random random = new Random(99);
    int simulations = 3000;
    int zRejections = 0;
    int rankRejections = 0;
    for (int s = 0; s < simulations; s++) {
      long c = binomial(random, 2000, 0.1);
      long t = binomial(random, 2000, 0.1);
      TwoProportionResult z =
          TwoProportionZTest.test(
              new BinomialCounts(c, 2000),
              new BinomialCounts(t, 2000),
              Alternative.TWO_SIDED,
              LEVEL);
      zRejections += z.pValue() < 0.05 ? 1 : 0;
      double[] control = random.doubles(50).map(v -> Math.exp(random.nextGaussian())).toArray();
      double[] treatment = random.doubles(45).map(v -> Math.exp(random.nextGaussian())).toArray();
      MannWhitneyResult rank =
          MannWhitneyTest.test(
              control, 50, treatment, 45, Alternative.TWO_SIDED, Optional.empty(), true);
      assertTrue(rank.pValue() >= 0 && rank.pValue() <= 1);
      rankRejections += rank.pValue() < 0.05 ? 1 : 0;
    }
    assertWithinBinomialError(zRejections, simulations, 0.05);
    assertWithinBinomialError(rankRejections, simulations, 0.05);
  }

  @Test
  void mannWhitneySwappingGroupsMirrorsTheTest() {
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      int n1 = 1 + random.nextInt(30);
      int n2 = 1 + random.nextInt(30);
      double[] a = random.doubles(n1).map(v -> Math.floor(v * 20)).toArray();
      double[] b = random.doubles(n2).map(v -> Math.floor(v * 20)).toArray();
      if (MannWhitneyTest.isConstant(a, n1, b, n2)) {
        continue;
      }
      MannWhitneyResult forward =
          MannWhitneyTest.test(
              a.clone(), n1, b.clone(), n2, Alternative.GREATER, Optional.empty(), true);
      MannWhitneyResult swapped =
          MannWhitneyTest.test(
              b.clone(), n2, a.clone(), n1, Alternative.LESS, Optional.empty(), true);
      assertEquals(forward.pValue(), swapped.pValue(), 1e-12);
      assertEquals(
          (double) n1 * n2,
          forward.uStatistic()
              + MannWhitneyTest.test(
                      b.clone(), n2, a.clone(), n1, Alternative.TWO_SIDED, Optional.empty(), true)
                  .uStatistic(),
          1e-9);
    }
  }

  /** Asserts the rejection count is within 3.5 binomial standard errors of alpha. */
  static void assertWithinBinomialError(int rejections, int simulations, double alpha) {
    double rate = (double) rejections / simulations;
    double error = 3.5 * Math.sqrt(alpha * (1 - alpha) / simulations);
    assertTrue(
        Math.abs(rate - alpha) <= error,
        "rejection rate " + rate + " not within " + error + " of " + alpha);
  }

  static long binomial(Random random, int trials, double p) {
    long successes = 0;
    for (int i = 0; i < trials; i++) {
      successes += random.nextDouble() < p ? 1 : 0;
    }
    return successes;
  }
}
