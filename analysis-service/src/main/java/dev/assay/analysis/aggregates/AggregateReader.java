package dev.assay.analysis.aggregates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the exact aggregates the experiment loop keeps (in memory, or in Redis shared by every
 * replica). Reads never touch raw events.
 */
public interface AggregateReader {
  /** The aggregate now, or empty when no unit of this cohort was ever exposed. */
  Optional<ExperimentAggregate> current(String experimentKey, Cohort cohort);

  /**
   * Cumulative aggregates at the end of each hour (UTC) in [from, to] that saw a change, oldest
   * first; an hour without change is not listed (its figures equal the previous one's).
   */
  List<ExperimentAggregate> hourly(String experimentKey, Cohort cohort, Instant from, Instant to);

  /** Keys of every experiment with at least one exposure. */
  List<String> experimentKeys();
}
