package dev.assay.bandit.selection;

import dev.assay.bandit.propensity.Propensity;

/** The outcome of a selection: the arm, the decision id for its reward, and the propensity. */
public record Decision(String armId, String decisionId, Propensity propensity, long expiresAtMillis) {}
