package dev.assay.analysis.monitor;

import java.time.Duration;

/**
 * Which replica acts on an experiment in one run: with several analysis replicas each runs the
 * monitor, and only the one holding the experiment's lease acts.
 */
public interface MonitorLease {
  /** The lease of a single replica: always granted. */
  MonitorLease SOLE_REPLICA = (experimentKey, ttl) -> true;

  /** Takes the experiment's lease for {@code ttl}; false when another replica holds it. */
  boolean tryAcquire(String experimentKey, Duration ttl);
}
