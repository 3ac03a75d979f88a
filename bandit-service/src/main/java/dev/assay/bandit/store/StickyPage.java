package dev.assay.bandit.store;

import java.util.List;

/** Sticky assignments in the order they were appended, and the cursor to read on from. */
public record StickyPage(List<StickyAssignment> assignments, String nextCursor) {
  /** Defensive copy. */
  public StickyPage {
    assignments = List.copyOf(assignments);
  }
}
