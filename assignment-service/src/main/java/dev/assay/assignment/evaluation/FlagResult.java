package dev.assay.assignment.evaluation;

import org.jspecify.annotations.Nullable;

/**
 * The value of one flag for one unit.
 *
 * @param flagKey the flag
 * @param value the value served (plain Java JSON), null when the flag is unknown
 * @param reason why
 * @param ruleId the deciding rule's id, or null
 * @param experiment for an experiment rule, the assignment that chose the value, else null
 */
public record FlagResult(
    String flagKey,
    @Nullable Object value,
    Reason reason,
    @Nullable String ruleId,
    @Nullable Assignment experiment) {}
