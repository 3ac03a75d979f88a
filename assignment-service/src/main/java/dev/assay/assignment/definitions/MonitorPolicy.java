package dev.assay.assignment.definitions;

/**
 * The automatic actions an experiment allows the analysis service's monitor; all off by default.
 *
 * @param stopOnGuardrailBreach stop when a guardrail degrades beyond its margin
 * @param stopOnSuccess stop when the primary metric's always-valid test is conclusive
 * @param rollOutWinner with {@code stopOnSuccess}: roll the winning variation out
 * @param alertOnSampleRatioMismatch record an alert when exposures do not match the weights
 */
public record MonitorPolicy(
    boolean stopOnGuardrailBreach,
    boolean stopOnSuccess,
    boolean rollOutWinner,
    boolean alertOnSampleRatioMismatch) {

  /** Every action off. */
  public static final MonitorPolicy OFF = new MonitorPolicy(false, false, false, false);
}
