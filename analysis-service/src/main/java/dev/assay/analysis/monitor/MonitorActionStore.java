package dev.assay.analysis.monitor;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the monitor's actions are kept (in memory, or in Redis shared by every replica), and the
 * open sample-ratio alerts (so an alert is recorded once until the mismatch clears). Redis failures
 * surface as {@link dev.assay.runtime.errors.UnavailableException}.
 */
public interface MonitorActionStore {
  /** Records an action, giving it the next id. */
  MonitorAction record(
      String experimentKey,
      Instant time,
      MonitorActionKind kind,
      String reason,
      Optional<String> rolledOutVariation,
      boolean isApplied,
      Optional<String> error);

  /**
   * Actions newest first, only {@code experimentKey}'s when given, starting after the action whose
   * id is {@code pageToken} when given.
   */
  ActionPage list(Optional<String> experimentKey, int pageSize, Optional<Long> pageToken);

  /** The experiment's newest action. */
  Optional<MonitorAction> latest(String experimentKey);

  /** Opens the experiment's sample-ratio alert; false when it was already open. */
  boolean openSampleRatioAlert(String experimentKey);

  /** Closes it (the mismatch cleared), so the next mismatch alerts again. */
  void closeSampleRatioAlert(String experimentKey);
}
