package dev.assay.assignment.evaluation;

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
    String flagKey, Object value, Reason reason, String ruleId, Assignment experiment) {}
