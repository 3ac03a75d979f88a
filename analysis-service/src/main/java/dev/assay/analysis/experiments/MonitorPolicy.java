package dev.assay.analysis.experiments;

/**
 * What the monitor may do on its own for one experiment (all off unless set).
 *
 * @param stopOnGuardrailBreach stop when a guardrail's always-valid interval shows a degradation
 *     beyond its margin
 * @param stopOnSuccess stop when the primary metric's always-valid test is conclusive in favour of
 *     a variation and every guardrail holds
 * @param rollOutWinner with stopOnSuccess: roll the winning variation out
 * @param alertOnSampleRatioMismatch record an alert (never stop) on a sample-ratio mismatch
 */
public record MonitorPolicy(
    boolean stopOnGuardrailBreach,
    boolean stopOnSuccess,
    boolean rollOutWinner,
    boolean alertOnSampleRatioMismatch) {
  /** Nothing automatic. */
  public static final MonitorPolicy OFF = new MonitorPolicy(false, false, false, false);

  /** Whether the monitor has anything to do for this experiment. */
  public boolean isAnyOn() {
    return stopOnGuardrailBreach || stopOnSuccess || alertOnSampleRatioMismatch;
  }
}
