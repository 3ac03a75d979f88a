package dev.assay.assignment.bucketing;

/**
 * How a change moves units, as shares of the bucket space: {@code moved} is the share whose outcome
 * changes at all; it splits into those that switch variation, enter, or leave the experiment.
 */
public record Movement(double moved, double switched, double entered, double left) {}
