package dev.assay.bandit.hostile;

import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.store.StoreState;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** The adversarial suite on the embedded store. */
class InMemoryAdversarialTest extends AdversarialSuite {
  private InMemoryBanditStore store;

  @Override
  BanditStore openStore() {
    store = new InMemoryBanditStore(1_000);
    return store;
  }

  @Override
  LongSupplier markers() {
    return StoreState.markersOf(store);
  }

  @Override
  Function<Collection<String>, Map<String, Integer>> logLengths() {
    return StoreState.logsOf(store);
  }

  @Override
  void closeStore() {}
}
