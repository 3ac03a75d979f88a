package dev.assay.analysis.monitor;

import java.time.Instant;
import java.util.Optional;

/**
 * One action of the monitor, with its evidence.
 *
 * @param id unique, increasing with time (a decimal number)
 * @param experimentKey the experiment
 * @param time when the monitor acted
 * @param kind what it did
 * @param reason the evidence in one sentence
 * @param rolledOutVariation the variation rolled out, with a success stop that rolls out
 * @param isApplied false when the assignment service refused or could not be reached
 * @param error why it was not applied
 */
public record MonitorAction(
    String id,
    String experimentKey,
    Instant time,
    MonitorActionKind kind,
    String reason,
    Optional<String> rolledOutVariation,
    boolean isApplied,
    Optional<String> error) {}
