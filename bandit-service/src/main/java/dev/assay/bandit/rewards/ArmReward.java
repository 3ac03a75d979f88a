package dev.assay.bandit.rewards;

/** A reward for an arm without a decision (backfill); context only for contextual policies. */
@SuppressWarnings("ArrayRecordComponent") // a carrier: never compared, array never mutated
public record ArmReward(String armId, double reward, double[] context) {}
