package dev.assay.assignment.definitions;

import java.time.Instant;

/** From {@code startTime} on, the experiment covers {@code coverage} of eligible units. */
public record RolloutStep(Instant startTime, double coverage) {}
