package dev.assay.bandit.selection;

import dev.assay.bandit.propensity.Propensity;

/**
 * The outcome of a selection: the arm, the decision id for its reward, the propensity, and whether
 * the arm is the unit's sticky arm from an earlier selection.
 */
public record Decision(
    String armId, String decisionId, Propensity propensity, long expiresAtMillis, boolean sticky) {}
