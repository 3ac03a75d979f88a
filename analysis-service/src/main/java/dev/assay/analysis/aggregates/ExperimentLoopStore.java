package dev.assay.analysis.aggregates;

import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.outcomes.AttributionRules;
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
  /** Records first exposures; later exposures of a unit to the same experiment are duplicates. */
  ExposureCounts recordExposures(List<Exposure> exposures);

  /**
   * Records outcome events, each once by id, attributing each new one to every experiment its unit
   * is exposed to, for every metric in {@code rules} that reads it.
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
