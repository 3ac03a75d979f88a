package dev.assay.analysis.aggregates;

import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.CovariateRules;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import java.util.List;

/**
 * Where the experiment loop keeps its state: first exposures, per-unit metric values, the exact
 * aggregates and hourly snapshots results read, the outcome ids seen, and the export logs. In
 * memory ({@link InMemoryLoopStore}) or in Redis shared by every replica ({@link RedisLoopStore});
 * both behave the same (docs/experiment-loop.md, "Exposures and outcomes").
 *
 * <p>Writes take validated batches. A write that fails ({@code UNAVAILABLE}) may have applied part
 * of the batch; retrying the same batch then ends in exactly the state one success would have left.
 */
public interface ExperimentLoopStore extends AggregateReader, AutoCloseable {
  /**
   * Records first exposures; later exposures of a unit to the same experiment are duplicates. A
   * first exposure folds the unit's pre-exposure history into its CUPED covariate for every metric
   * {@code covariates} has a rule for: the events recorded before the exposure that fall in
   * [exposure - lookback, exposure). Events recorded after it count through {@link #recordOutcomes}
   * instead.
   */
  ExposureCounts recordExposures(List<Exposure> exposures, CovariateRules covariates);

  /**
   * Records first exposures without folding any pre-exposure history: for callers whose metrics
   * have no CUPED lookback (benchmarks, tests of exposures alone).
   */
  default ExposureCounts recordExposures(List<Exposure> exposures) {
    return recordExposures(exposures, CovariateRules.none());
  }

  /**
   * Records outcome events, each once by id, attributing each new one to every experiment its unit
   * is exposed to, for every metric in {@code rules} that reads it. A newly recorded event of a
   * metric with a CUPED lookback is also kept in its unit's pre-exposure history, for experiments
   * the unit is exposed to later.
   */
  OutcomeCounts recordOutcomes(List<OutcomeEvent> events, AttributionRules rules);

  /**
   * Up to {@code limit} recorded first exposures after {@code afterCursor} (empty: the oldest
   * kept), of {@code experimentKey} only unless it is empty.
   *
   * @throws dev.assay.runtime.errors.ValidationException naming {@code after_cursor} if it is not a
   *     cursor of this store
   */
  ExportPage<Exposure> exportExposures(String experimentKey, String afterCursor, int limit);

  /** Like {@link #exportExposures}, for recorded outcome events of {@code metricKey} (or all). */
  ExportPage<OutcomeEvent> exportOutcomes(String metricKey, String afterCursor, int limit);

  /** What the start-up log says about where the state lives. */
  String describe();

  @Override
  void close();
}
