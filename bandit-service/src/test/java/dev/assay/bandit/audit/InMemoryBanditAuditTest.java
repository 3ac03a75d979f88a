package dev.assay.bandit.audit;

import dev.assay.bandit.api.BanditScopes;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.runtime.security.Security;
import java.time.Clock;

/** The audit contract on the in-memory store and audit log. */
class InMemoryBanditAuditTest extends BanditAuditContract {
  @Override
  BanditStore newStore() {
    return new InMemoryBanditStore(1_000);
  }

  @Override
  Security newSecurity(Clock clock) {
    return Security.inMemory(SECURITY, AUTH_ON, BanditScopes.TABLE, clock);
  }

  @Override
  void release() {}
}
