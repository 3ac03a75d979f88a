package dev.assay.analysis.exposures;

/**
 * What recording a batch of exposures did.
 *
 * @param recorded first exposures recorded
 * @param duplicates exposures of units already exposed to that experiment
 */
public record ExposureCounts(long recorded, long duplicates) {
  /** Nothing recorded. */
  public static final ExposureCounts NONE = new ExposureCounts(0, 0);

  /** Both counts together. */
  public ExposureCounts plus(ExposureCounts other) {
    return new ExposureCounts(recorded + other.recorded, duplicates + other.duplicates);
  }
}
