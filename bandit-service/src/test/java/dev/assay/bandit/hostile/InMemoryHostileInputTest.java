package dev.assay.bandit.hostile;

import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;

/** The hostile-input regressions on the embedded store. */
class InMemoryHostileInputTest extends HostileInputContract {
  @Override
  BanditStore newStore() {
    return new InMemoryBanditStore(1_000);
  }
}
