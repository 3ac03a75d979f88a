package dev.assay.assignment.security;

import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;

class InMemoryAssignmentAuditTest extends AssignmentAuditContract {
  @java.lang.Override
  protected AssignmentStore newStore() {
    return new InMemoryAssignmentStore();
  }

  @java.lang.Override
  protected Security newSecurity(SecuritySettings settings) {
    return Security.inMemory("assignment", settings, AssignmentScopes.TABLE, clock);
  }
}
