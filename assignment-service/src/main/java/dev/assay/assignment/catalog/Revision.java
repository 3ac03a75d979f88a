package dev.assay.assignment.catalog;

import org.jspecify.annotations.Nullable;

/**
 * What one write did to one resource, for the audit trail: the resource as it was just before the
 * write (as this replica read it) and as the write left it.
 *
 * @param before the resource before the write; null when the write created it
 * @param after the resource after the write
 * @param <T> the kind of resource
 */
public record Revision<T>(@Nullable T before, T after) {}
