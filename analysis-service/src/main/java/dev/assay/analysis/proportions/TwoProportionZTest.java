package dev.assay.analysis.proportions;

import dev.assay.analysis.distributions.StandardNormal;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;

/**
 * Two-proportion z-test: pooled standard error for the statistic (statsmodels proportions_ztest),
 * unpooled for the interval of the difference (statsmodels confint_proportions_2indep, method
 * 'wald', compare 'diff').
 */
public final class TwoProportionZTest {
  private TwoProportionZTest() {}

  /** True when the pooled rate is 0 or 1, so the test statistic is undefined. */
  public static boolean isDegenerate(BinomialCounts control, BinomialCounts treatment) {
    long successes = control.successes() + treatment.successes();
    long trials = control.trials() + treatment.trials();
    return successes == 0 || successes == trials;
  }

  /** Tests treatment against control; callers first reject degenerate inputs. */
  public static TwoProportionResult test(
      BinomialCounts control,
      BinomialCounts treatment,
      Alternative alternative,
      ConfidenceLevel level) {
    if (isDegenerate(control, treatment)) {
      throw new IllegalArgumentException("pooled rate is 0 or 1");
    }
    double pooled =
        (double) (control.successes() + treatment.successes())
            / (control.trials() + treatment.trials());
    double pooledStandardError =
        Math.sqrt(pooled * (1.0 - pooled) * (1.0 / control.trials() + 1.0 / treatment.trials()));
    double difference = treatment.rate() - control.rate();
    double statistic = difference / pooledStandardError;
    double pValue = alternative.pValue(statistic, StandardNormal::sf);
    double unpooled = Math.sqrt(control.varianceOfRate() + treatment.varianceOfRate());
    Interval interval = Interval.around(difference, level.normalCriticalValue() * unpooled);
    return new TwoProportionResult(
        statistic,
        pValue,
        control.rate(),
        treatment.rate(),
        difference,
        interval,
        RelativeLift.of(
            control.rate(),
            control.varianceOfRate(),
            treatment.rate(),
            treatment.varianceOfRate(),
            level));
  }
}
