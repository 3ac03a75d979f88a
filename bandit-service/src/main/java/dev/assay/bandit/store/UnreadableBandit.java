package dev.assay.bandit.store;

/**
 * A bandit whose stored form cannot be read: undecodable definition JSON, a statistic that is not a
 * finite number, or the like. {@code reason} says what, briefly and without the stored bytes.
 */
public record UnreadableBandit(String key, String reason) {}
