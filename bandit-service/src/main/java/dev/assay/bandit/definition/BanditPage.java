package dev.assay.bandit.definition;

import java.util.List;

/**
 * One page of bandits in key order.
 *
 * @param bandits the page, possibly shorter than asked when a filter skipped many bandits
 * @param resumeAfter the key the next page starts after; empty when no bandit follows
 */
public record BanditPage(List<BanditDefinition> bandits, String resumeAfter) {
  /** Defensive copy. */
  public BanditPage {
    bandits = List.copyOf(bandits);
  }

  /** Whether another page may follow. */
  public boolean hasMore() {
    return !resumeAfter.isEmpty();
  }
}
