package dev.assay.assignment.definitions;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * From {@code startTime} on, the experiment covers {@code coverage} of eligible units.
 *
 * @param startTime when the step starts; null only in a request, which validation rejects
 * @param coverage share of eligible units, in [0, 1]
 */
public record RolloutStep(@Nullable Instant startTime, double coverage) {}
