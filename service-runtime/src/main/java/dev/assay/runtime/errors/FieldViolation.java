package dev.assay.runtime.errors;

/**
 * One invalid field of a request: its path (e.g. {@code experiment.variations[1].weight}) and what
 * is wrong with it, including the allowed range.
 */
public record FieldViolation(String field, String description) {}
