package dev.assay.bandit.decisionkeys;

import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import org.jspecify.annotations.Nullable;

/** Signed decision ids on the in-memory store (replicas of one process share its store). */
class InMemorySignedDecisionIdsTest extends SignedDecisionIdsContract {
  private @Nullable InMemoryBanditStore last;

  @Override
  BanditStore newStore() {
    last = new InMemoryBanditStore(1_000);
    return last;
  }

  @Override
  BanditStore sameStore() {
    if (last == null) {
      throw new IllegalStateException("newStore first");
    }
    return last;
  }
}
