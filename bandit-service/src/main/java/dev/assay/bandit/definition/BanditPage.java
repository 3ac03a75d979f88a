package dev.assay.bandit.definition;

import java.util.List;

/** One page of bandits in key order, and whether more follow the last of them. */
public record BanditPage(List<BanditDefinition> bandits, boolean hasMore) {
  /** Defensive copy. */
  public BanditPage {
    bandits = List.copyOf(bandits);
  }
}
