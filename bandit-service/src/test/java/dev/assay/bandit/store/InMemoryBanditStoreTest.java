package dev.assay.bandit.store;

/** The store contract against the in-memory store. */
class InMemoryBanditStoreTest extends BanditStoreContract {
  @Override
  BanditStore newStore() {
    return new InMemoryBanditStore(LOG_CAPACITY);
  }
}
