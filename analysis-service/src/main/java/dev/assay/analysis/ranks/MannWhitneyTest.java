package dev.assay.analysis.ranks;

import dev.assay.analysis.distributions.StandardNormal;
import dev.assay.analysis.inference.Alternative;
import java.util.Optional;

/**
 * Mann-Whitney U test of treatment against control; matches scipy.stats.mannwhitneyu(treatment,
 * control, use_continuity, alternative, method). The automatic method follows scipy (exact when
 * there are no ties and either sample has at most 8 values) but falls back to the normal
 * approximation when n1 * n2 exceeds {@link ExactUDistribution#MAX_CELLS}.
 */
public final class MannWhitneyTest {
  private MannWhitneyTest() {}

  /** Whether the exact method may be used for these sizes and ties. */
  public static boolean isExactPossible(long controlCount, long treatmentCount, boolean hasTies) {
    return !hasTies && controlCount * treatmentCount <= ExactUDistribution.MAX_CELLS;
  }

  /**
   * Tests the first {@code treatmentCount} values of {@code treatment} against the first {@code
   * controlCount} of {@code control} (each at least one, all finite; both arrays are sorted in
   * place). An empty {@code method} chooses automatically; an explicit EXACT requires {@link
   * #isExactPossible}. The pooled sample must not be constant (callers check).
   */
  public static MannWhitneyResult test(
      double[] control,
      int controlCount,
      double[] treatment,
      int treatmentCount,
      Alternative alternative,
      Optional<MannWhitneyMethod> method,
      boolean continuityCorrection) {
    RankSums ranks = RankSums.of(control, controlCount, treatment, treatmentCount);
    double n1 = treatmentCount;
    double n2 = controlCount;
    double u1 = ranks.treatmentRankSum() - n1 * (n1 + 1.0) / 2.0;
    double u2 = n1 * n2 - u1;
    double u =
        switch (alternative) {
          case GREATER -> u1;
          case LESS -> u2;
          case TWO_SIDED -> Math.max(u1, u2);
        };
    double factor = alternative == Alternative.TWO_SIDED ? 2.0 : 1.0;
    MannWhitneyMethod chosen =
        method.orElse(
            (treatmentCount <= 8 || controlCount <= 8)
                    && isExactPossible(controlCount, treatmentCount, ranks.hasTies())
                ? MannWhitneyMethod.EXACT
                : MannWhitneyMethod.ASYMPTOTIC);
    double p;
    double z = 0.0;
    if (chosen == MannWhitneyMethod.EXACT) {
      if (!isExactPossible(controlCount, treatmentCount, ranks.hasTies())) {
        throw new IllegalArgumentException(
            "exact method needs no ties and n1 * n2 <= " + ExactUDistribution.MAX_CELLS);
      }
      p = ExactUDistribution.sf(Math.round(u), treatmentCount, controlCount);
    } else {
      double n = n1 + n2;
      double s = Math.sqrt(n1 * n2 / 12.0 * ((n + 1.0) - ranks.tieTerm() / (n * (n - 1.0))));
      if (!(s > 0.0)) {
        throw new IllegalArgumentException("all values are equal");
      }
      double numerator = u - n1 * n2 / 2.0 - (continuityCorrection ? 0.5 : 0.0);
      z = numerator / s;
      p = StandardNormal.sf(z);
    }
    p = Math.min(1.0, Math.max(0.0, p * factor));
    return new MannWhitneyResult(u1, p, chosen, z, u1 / (n1 * n2));
  }

  /** True when every value of both samples is the same (the normal approximation is undefined). */
  public static boolean isConstant(
      double[] control, int controlCount, double[] treatment, int treatmentCount) {
    double first = controlCount > 0 ? control[0] : treatment[0];
    for (int i = 0; i < controlCount; i++) {
      if (control[i] != first) {
        return false;
      }
    }
    for (int i = 0; i < treatmentCount; i++) {
      if (treatment[i] != first) {
        return false;
      }
    }
    return true;
  }
}
