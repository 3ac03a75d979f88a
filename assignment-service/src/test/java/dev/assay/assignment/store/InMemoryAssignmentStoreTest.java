package dev.assay.assignment.store;

class InMemoryAssignmentStoreTest extends AssignmentStoreContract {
  @Override
  protected AssignmentStore newStore() {
    return new InMemoryAssignmentStore();
  }
}
