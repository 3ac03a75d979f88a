package dev.assay.assignment.hostile;

import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;

/** The adversarial suite over the in-memory store (the embedded default). */
class InMemoryAdversarialTest extends AdversarialSuite {
  @java.lang.Override
  AssignmentStore newStore() {
    return new InMemoryAssignmentStore();
  }
}
