package dev.assay.analysis.outcomes;

/**
 * What recording a batch of outcome events did.
 *
 * @param recorded events with a new id
 * @param duplicates events whose id was recorded before (nothing changed for them)
 * @param attributions (event, experiment) pairs where the event counted for at least one metric
 */
public record OutcomeCounts(long recorded, long duplicates, long attributions) {
  /** Nothing recorded. */
  public static final OutcomeCounts NONE = new OutcomeCounts(0, 0, 0);

  /** The counts of both batches together. */
  public OutcomeCounts plus(OutcomeCounts other) {
    return new OutcomeCounts(
        recorded + other.recorded,
        duplicates + other.duplicates,
        attributions + other.attributions);
  }
}
