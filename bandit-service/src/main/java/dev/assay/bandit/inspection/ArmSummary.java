package dev.assay.bandit.inspection;

import java.util.Map;

/** What a bandit has learned about one arm (see {@code assay.bandit.v1.ArmSummary}). */
public record ArmSummary(
    String armId,
    boolean retired,
    double pulls,
    double rewardSum,
    Map<String, Double> posterior,
    double mean,
    double lower95,
    double upper95,
    double probabilityBest) {}
