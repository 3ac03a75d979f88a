package dev.assay.assignment.definitions;

import org.jspecify.annotations.Nullable;

/**
 * One arm of an experiment.
 *
 * @param key unique within the experiment
 * @param weight share of covered units, in [0, 1]
 * @param payload optional JSON value (plain Java: Map, List, String, Number, Boolean) or null
 */
public record Variation(String key, double weight, @Nullable Object payload) {}
