package dev.assay.bandit.rewards;

/** A reward for the decision with this id. */
public record DecisionReward(String decisionId, double reward) {}
