package dev.assay.bandit.rewards;

/** How many rewards a call applied and how many were duplicates of earlier ones (ignored). */
public record RewardOutcome(int applied, int duplicates) {}
