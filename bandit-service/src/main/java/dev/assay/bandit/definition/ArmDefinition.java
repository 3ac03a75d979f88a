package dev.assay.bandit.definition;

/** One arm of a bandit; a retired arm keeps its statistics but is never selected again. */
public record ArmDefinition(String id, boolean retired) {}
