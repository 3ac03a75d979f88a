package dev.assay.analysis.outcomes;

import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * For one exposure batch: the rule of each metric that reads a unit's pre-exposure history as its
 * CUPED covariate (a non-RATIO metric with a {@code cuped_lookback}). Resolved from the catalog at
 * most once per metric per batch, so a definition changing mid-batch cannot split it. Not
 * thread-safe: one batch, one thread.
 */
public final class CovariateRules {
  private final Function<String, Optional<MetricDefinition>> find;
  private final boolean isNone;
  private final Map<String, Optional<MetricRule>> resolved = new HashMap<>();

  private CovariateRules(Function<String, Optional<MetricDefinition>> find, boolean isNone) {
    this.find = find;
    this.isNone = isNone;
  }

  /** The rules of {@code catalog}'s metrics, resolved as the batch asks for them. */
  public static CovariateRules from(MetricCatalog catalog) {
    return catalog.hasCupedLookback() ? new CovariateRules(catalog::find, false) : none();
  }

  /** No metric has a covariate: exposures fold no history. */
  public static CovariateRules none() {
    return new CovariateRules(key -> Optional.empty(), true);
  }

  /** Whether these are {@link #none()}: a store need not even read any history. */
  public boolean isNone() {
    return isNone;
  }

  /** The rule of {@code metricKey} if it exists and has a CUPED lookback. */
  public Optional<MetricRule> ruleOf(String metricKey) {
    return resolved.computeIfAbsent(
        metricKey,
        key ->
            find.apply(key)
                .filter(m -> m.kind() != MetricKind.RATIO && m.cupedLookback().isPresent())
                .map(MetricRule::of));
  }
}
