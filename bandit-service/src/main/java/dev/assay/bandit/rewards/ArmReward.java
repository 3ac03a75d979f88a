package dev.assay.bandit.rewards;

/** A reward for an arm without a decision (backfill); context only for contextual policies. */
@SuppressWarnings(
    "ArrayRecordComponent") // a value carrier: its array is never mutated, and it is never compared
// or hashed
public record ArmReward(String armId, double reward, double[] context) {}
