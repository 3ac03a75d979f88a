package dev.assay.analysis;

import dev.assay.runtime.client.PeerSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * How the analysis service reads experiment definitions and how often its monitor runs.
 *
 * @param assignment how to reach the assignment service's DefinitionService; empty ({@code
 *     --assignment-target=none}) turns plan lookups and the monitor off
 * @param monitorInterval how often the monitor looks at every running experiment
 */
record MonitorSettings(Optional<PeerSettings> assignment, Duration monitorInterval) {
  /** The defaults: assignment on localhost:50051, plaintext, no token; a run every minute. */
  static final MonitorSettings DEFAULTS =
      new MonitorSettings(
          Optional.of(PeerSettings.plaintext(MonitorOptions.DEFAULT_ASSIGNMENT_TARGET)),
          Duration.ofMinutes(1));
}
