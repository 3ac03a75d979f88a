package dev.assay.bandit.offpolicy;

/** A decision the logging policy took: context, arm, its propensity, and the reward observed. */
@SuppressWarnings("ArrayRecordComponent") // a carrier: never compared, array never mutated
public record LoggedDecision(double[] context, String armId, double propensity, double reward) {}
