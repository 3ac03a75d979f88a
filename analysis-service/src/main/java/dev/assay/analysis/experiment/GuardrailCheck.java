package dev.assay.analysis.experiment;

/**
 * A guardrail of one variant.
 *
 * @param comparison the comparison with a 1 - 2 alpha interval
 * @param margin tolerated absolute degradation
 * @param status the verdict
 */
public record GuardrailCheck(Comparison comparison, double margin, GuardrailStatus status) {}
