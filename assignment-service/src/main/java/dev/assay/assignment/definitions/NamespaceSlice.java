package dev.assay.assignment.definitions;

/** Mutual exclusion: units take part only if their namespace hash falls in [start, end). */
public record NamespaceSlice(String id, double start, double end) {}
