package dev.assay.assignment.api;

import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;

class InMemoryHostileRequestTest extends HostileRequestContract {
  @java.lang.Override
  protected AssignmentStore newStore() {
    return new InMemoryAssignmentStore();
  }
}
