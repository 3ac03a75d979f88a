package dev.assay.analysis.api;

import dev.assay.analysis.proportions.ChiSquareIndependenceTest;
import dev.assay.analysis.proportions.ContingencyTableResult;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.srm.SampleRatioResult;
import dev.assay.analysis.v1.CheckSampleRatioRequest;
import dev.assay.analysis.v1.CheckSampleRatioResponse;
import dev.assay.analysis.v1.ChiSquareTestRequest;
import dev.assay.analysis.v1.ChiSquareTestResponse;
import dev.assay.analysis.v1.ExpectedRow;
import dev.assay.analysis.v1.TableRow;
import dev.assay.runtime.errors.Violations;
import java.util.List;

/** Validates count tables and runs the chi-square independence test and the SRM check. */
final class CountTableCalls {
  /** Most cells of a contingency table. */
  static final int MAX_CELLS = 100_000;

  private CountTableCalls() {}

  static ChiSquareTestResponse chiSquareTest(ChiSquareTestRequest request) {
    Violations violations = new Violations();
    int rows = request.getRowsCount();
    violations.check(rows < 2, "rows", "needs at least 2 rows, got " + rows);
    int columns = rows == 0 ? 0 : request.getRows(0).getCountsCount();
    violations.check(
        rows > 0 && columns < 2, "rows[0].counts", "needs at least 2 columns, got " + columns);
    violations.check(
        (long) rows * columns > MAX_CELLS,
        "rows",
        "the table may have at most " + MAX_CELLS + " cells, got " + rows + " x " + columns);
    violations.throwIfAny();
    long[][] table = new long[rows][columns];
    long total = 0;
    for (int i = 0; i < rows; i++) {
      TableRow row = request.getRows(i);
      if (row.getCountsCount() != columns) {
        violations.add(
            "rows[" + i + "].counts",
            "must have " + columns + " counts like rows[0], got " + row.getCountsCount());
        continue;
      }
      long sum = 0;
      for (int j = 0; j < columns; j++) {
        long count = row.getCounts(j);
        boolean isValid =
            FieldChecks.count(violations, count, 0, "rows[" + i + "].counts[" + j + "]");
        table[i][j] = count;
        // Saturating sums: a row of a million counts of 1e15 must not wrap around.
        sum = Math.min(FieldChecks.MAX_COUNT + 1, sum + (isValid ? count : 0));
        if (!isValid) {
          break;
        }
      }
      violations.check(sum == 0, "rows[" + i + "]", "sums to 0, so expected counts would be 0");
      total = Math.min(FieldChecks.MAX_COUNT + 1, total + sum);
    }
    violations.check(total > FieldChecks.MAX_COUNT, "rows", "counts must sum to at most 1e15");
    violations.throwIfAny();
    for (int j = 0; j < columns; j++) {
      long sum = 0;
      for (int i = 0; i < rows; i++) {
        sum += table[i][j];
      }
      violations.check(
          sum == 0,
          "rows[].counts[" + j + "]",
          "column " + j + " sums to 0, so expected counts would be 0");
    }
    violations.throwIfAny();
    ContingencyTableResult result =
        ChiSquareIndependenceTest.test(table, request.getYatesCorrection());
    ChiSquareTestResponse.Builder response =
        ChiSquareTestResponse.newBuilder()
            .setStatistic(result.statistic())
            .setDegreesOfFreedom(result.degreesOfFreedom())
            .setPValue(result.pValue());
    for (List<Double> row : result.expected()) {
      response.addExpected(ExpectedRow.newBuilder().addAllCounts(row));
    }
    return response.build();
  }

  static CheckSampleRatioResponse checkSampleRatio(CheckSampleRatioRequest request) {
    Violations violations = new Violations();
    int arms = request.getObservedCountsCount();
    violations.check(arms < 2, "observed_counts", "needs at least 2 arms, got " + arms);
    violations.check(
        request.getExpectedWeightsCount() != arms,
        "expected_weights",
        "must have one weight per arm (" + arms + "), got " + request.getExpectedWeightsCount());
    long[] observed =
        FieldChecks.nonNegativeCounts(
            violations, request.getObservedCountsList(), "observed_counts");
    violations.check(
        arms >= 2 && FieldChecks.isAllZero(observed), "observed_counts", "must not all be 0");
    double[] weights =
        FieldChecks.positiveWeights(
            violations, request.getExpectedWeightsList(), "expected_weights");
    double threshold =
        FieldChecks.openUnitInterval(
            violations,
            request.hasPValueThreshold(),
            request.getPValueThreshold(),
            "p_value_threshold",
            SampleRatioCheck.DEFAULT_THRESHOLD);
    violations.throwIfAny();
    SampleRatioResult result = SampleRatioCheck.check(observed, weights, threshold);
    return CheckSampleRatioResponse.newBuilder()
        .setStatistic(result.statistic())
        .setDegreesOfFreedom(result.degreesOfFreedom())
        .setPValue(result.pValue())
        .setMismatch(result.isMismatch())
        .addAllExpectedCounts(result.expectedCounts())
        .build();
  }
}
