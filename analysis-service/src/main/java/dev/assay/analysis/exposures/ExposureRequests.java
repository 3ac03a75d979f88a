package dev.assay.analysis.exposures;

import dev.assay.analysis.outcomes.EventChecks;
import dev.assay.analysis.v1.IngestExposuresRequest;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Validates an exposure batch as a whole and translates it to domain exposures. */
final class ExposureRequests {
  /** Most variation weights one exposure carries. */
  static final int MAX_WEIGHTS = 1_000;

  private ExposureRequests() {}

  /**
   * The batch's exposures.
   *
   * @throws dev.assay.runtime.errors.ValidationException naming every bad field, e.g. {@code
   *     exposures[3].unit_id}
   */
  static List<Exposure> validate(IngestExposuresRequest request, Instant now) {
    Violations violations = new Violations();
    EventChecks.batchSize(violations, request.getExposuresCount(), "exposures");
    List<Exposure> exposures = new ArrayList<>(request.getExposuresCount());
    for (int i = 0; i < request.getExposuresCount() && i < EventChecks.MAX_BATCH; i++) {
      dev.assay.analysis.v1.Exposure e = request.getExposures(i);
      String at = "exposures[" + i + "].";
      EventChecks.key(violations, e.getExperimentKey(), at + "experiment_key");
      EventChecks.text(violations, e.getVariationKey(), 128, at + "variation_key");
      EventChecks.text(violations, e.getUnitId(), 256, at + "unit_id");
      Instant time = EventChecks.time(violations, e.hasTime(), e.getTime(), now, at + "time");
      int weights = e.getVariationWeightsCount();
      violations.check(
          weights > MAX_WEIGHTS,
          at + "variation_weights",
          "must hold at most " + MAX_WEIGHTS + " weights, got " + weights);
      for (int w = 0; w < weights && w < MAX_WEIGHTS; w++) {
        double weight = e.getVariationWeights(w);
        violations.check(
            !(weight >= 0 && weight <= 1),
            at + "variation_weights[" + w + "]",
            "must be in [0, 1], got " + weight);
      }
      violations.check(
          e.getVariationIndex() < 0 || (weights > 0 && e.getVariationIndex() >= weights),
          at + "variation_index",
          weights > 0
              ? "must be in [0, " + (weights - 1) + "] (one weight per variation)"
              : "must be >= 0");
      exposures.add(
          new Exposure(
              e.getExperimentKey(),
              e.getVariationIndex(),
              e.getVariationKey(),
              e.getUnitId(),
              time,
              e.getOverridden(),
              weights > MAX_WEIGHTS ? List.of() : e.getVariationWeightsList()));
    }
    violations.throwIfAny();
    return exposures;
  }
}
