package dev.assay.analysis.loop;

import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.aggregates.InMemoryLoopStore;
import dev.assay.runtime.testing.MutableClock;
import java.time.Duration;

/** The store contract against the in-memory store. */
class InMemoryLoopStoreTest extends LoopStoreContract {
  @Override
  protected ExperimentLoopStore newStore(MutableClock clock) {
    return new InMemoryLoopStore(clock, Duration.ofDays(30), 1_000);
  }
}
