package dev.assay.bandit.offpolicy;

/** A decision the logging policy took: context, arm, its propensity, and the reward observed. */
@SuppressWarnings(
    "ArrayRecordComponent") // a value carrier: its array is never mutated, and it is never compared
// or hashed
public record LoggedDecision(double[] context, String armId, double propensity, double reward) {}
