package dev.assay.bandit.selection;

/** A decision read back from an id whose MAC verified, and the id of the key that signed it. */
public record SignedDecision(DecisionToken token, String keyId) {}
