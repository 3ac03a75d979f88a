package dev.assay.analysis.ranks;

import java.util.Arrays;

/**
 * Rank sum of the treatment sample in the pooled sample (average ranks for ties) and the tie term
 * sum(t^3 - t) over tie groups. Sorts each sample once and merges, so memory is the two arrays.
 *
 * @param treatmentRankSum sum of the treatment sample's average ranks
 * @param tieTerm sum over groups of tied values of t^3 - t
 * @param hasTies whether any value occurs more than once in the pooled sample
 */
public record RankSums(double treatmentRankSum, double tieTerm, boolean hasTies) {
  /** Ranks the pooled sample; sorts both arrays in place. */
  public static RankSums of(
      double[] control, int controlCount, double[] treatment, int treatmentCount) {
    Arrays.sort(control, 0, controlCount);
    Arrays.sort(treatment, 0, treatmentCount);
    int i = 0;
    int j = 0;
    long position = 0;
    double rankSum = 0.0;
    double tieTerm = 0.0;
    while (i < controlCount || j < treatmentCount) {
      double value =
          j >= treatmentCount
              ? control[i]
              : i >= controlCount ? treatment[j] : Math.min(control[i], treatment[j]);
      long inControl = 0;
      while (i < controlCount && control[i] == value) {
        i++;
        inControl++;
      }
      long inTreatment = 0;
      while (j < treatmentCount && treatment[j] == value) {
        j++;
        inTreatment++;
      }
      double tied = inControl + inTreatment;
      rankSum += inTreatment * (position + (tied + 1.0) / 2.0);
      tieTerm += tied * tied * tied - tied;
      position += (long) tied;
    }
    return new RankSums(rankSum, tieTerm, tieTerm > 0.0);
  }
}
