package dev.assay.assignment.api;

import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;

class InMemoryAssignmentApiTest extends AssignmentApiContract {
  @java.lang.Override
  protected AssignmentStore newStore() {
    return new InMemoryAssignmentStore();
  }
}
