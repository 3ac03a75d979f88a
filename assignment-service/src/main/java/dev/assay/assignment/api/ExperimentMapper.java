package dev.assay.assignment.api;

import dev.assay.assignment.definitions.AnalysisPlan;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.assignment.definitions.Range;
import dev.assay.assignment.definitions.RolloutStep;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.v1.BucketRange;
import dev.assay.assignment.v1.Namespace;
import dev.assay.assignment.v1.VariationRanges;
import dev.assay.runtime.errors.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Experiment definitions: contract ↔ domain. Unset fields take their documented defaults. */
public final class ExperimentMapper {
  private ExperimentMapper() {}

  /** The domain experiment a request describes (output-only fields ignored). */
  public static Experiment toDomain(dev.assay.assignment.v1.Experiment p) {
    List<Variation> variations = new ArrayList<>();
    for (int i = 0; i < p.getVariationsCount(); i++) {
      dev.assay.assignment.v1.Variation v = p.getVariations(i);
      variations.add(
          new Variation(
              v.getKey(),
              v.getWeight(),
              v.hasPayload()
                  ? JsonValues.toJava(v.getPayload(), "experiment.variations[" + i + "].payload")
                  : null));
    }
    List<List<Range>> ranges = new ArrayList<>();
    for (VariationRanges vr : p.getBucketRangesList()) {
      ranges.add(
          vr.getRangesList().stream().map(r -> new Range(r.getStart(), r.getEnd())).toList());
    }
    List<RolloutStep> rollout = new ArrayList<>();
    for (int i = 0; i < p.getRolloutCount(); i++) {
      dev.assay.assignment.v1.RolloutStep s = p.getRollout(i);
      rollout.add(
          new RolloutStep(
              s.hasStartTime()
                  ? Timestamps.toInstant(
                      s.getStartTime(), "experiment.rollout[" + i + "].start_time")
                  : null,
              s.getCoverage()));
    }
    NamespaceSlice namespace =
        p.hasNamespace()
            ? new NamespaceSlice(
                p.getNamespace().getId(), p.getNamespace().getStart(), p.getNamespace().getEnd())
            : null;
    return new Experiment(
        p.getKey(),
        p.getName(),
        variations,
        p.hasCoverage() ? p.getCoverage() : 1.0,
        p.getHashAttribute(),
        p.getSeed(),
        p.getHashVersion() == 0 ? 2 : p.getHashVersion(),
        JsonValues.toMap(p.getCondition(), "experiment.condition"),
        namespace,
        status(p),
        p.hasRolledOutVariation() ? p.getRolledOutVariation() : -1,
        ranges,
        rollout,
        p.getVersion(),
        p.getArchived(),
        p.hasUpdateTime()
            ? Timestamps.toInstant(p.getUpdateTime(), "experiment.update_time")
            : Instant.EPOCH,
        p.hasAnalysis() ? AnalysisPlanMapper.toDomain(p.getAnalysis()) : AnalysisPlan.NONE);
  }

  /** The contract form of a stored experiment. */
  public static dev.assay.assignment.v1.Experiment toProto(Experiment e) {
    dev.assay.assignment.v1.Experiment.Builder p =
        dev.assay.assignment.v1.Experiment.newBuilder()
            .setKey(e.key())
            .setName(e.name())
            .setCoverage(e.coverage())
            .setHashAttribute(e.hashAttribute())
            .setSeed(e.seed())
            .setHashVersion(e.hashVersion())
            .setCondition(JsonValues.toStruct(e.condition()))
            .setStatus(status(e.status()))
            .setVersion(e.version())
            .setArchived(e.archived())
            .setUpdateTime(Timestamps.toProto(e.updateTime()));
    for (Variation v : e.variations()) {
      dev.assay.assignment.v1.Variation.Builder variation =
          dev.assay.assignment.v1.Variation.newBuilder().setKey(v.key()).setWeight(v.weight());
      if (v.payload() != null) {
        variation.setPayload(JsonValues.toValue(v.payload()));
      }
      p.addVariations(variation);
    }
    if (e.rolledOutVariation() >= 0) {
      p.setRolledOutVariation(e.rolledOutVariation());
    }
    NamespaceSlice namespace = e.namespace();
    if (namespace != null) {
      p.setNamespace(
          Namespace.newBuilder()
              .setId(namespace.id())
              .setStart(namespace.start())
              .setEnd(namespace.end()));
    }
    for (List<Range> ranges : e.explicitRanges()) {
      VariationRanges.Builder vr = VariationRanges.newBuilder();
      ranges.forEach(
          r -> vr.addRanges(BucketRange.newBuilder().setStart(r.start()).setEnd(r.end())));
      p.addBucketRanges(vr);
    }
    for (RolloutStep step : e.rollout()) {
      dev.assay.assignment.v1.RolloutStep.Builder r =
          p.addRolloutBuilder().setCoverage(step.coverage());
      Instant start = step.startTime();
      if (start != null) {
        r.setStartTime(Timestamps.toProto(start));
      }
    }
    if (!e.analysis().isNone()) {
      // Left unset when there is none, so experiments without a plan store the same bytes as
      // before.
      p.setAnalysis(AnalysisPlanMapper.toProto(e.analysis()));
    }
    return p.build();
  }

  /** The domain status; a value the contract does not define has none. */
  private static ExperimentStatus status(dev.assay.assignment.v1.Experiment p) {
    return switch (p.getStatus()) {
      case EXPERIMENT_STATUS_UNSPECIFIED, EXPERIMENT_STATUS_DRAFT -> ExperimentStatus.DRAFT;
      case EXPERIMENT_STATUS_RUNNING -> ExperimentStatus.RUNNING;
      case EXPERIMENT_STATUS_STOPPED -> ExperimentStatus.STOPPED;
      case UNRECOGNIZED ->
          throw ValidationException.of(
              "experiment.status",
              "must be DRAFT (1), RUNNING (2) or STOPPED (3), or unset for DRAFT; got "
                  + p.getStatusValue());
    };
  }

  private static dev.assay.assignment.v1.ExperimentStatus status(ExperimentStatus status) {
    return switch (status) {
      case DRAFT -> dev.assay.assignment.v1.ExperimentStatus.EXPERIMENT_STATUS_DRAFT;
      case RUNNING -> dev.assay.assignment.v1.ExperimentStatus.EXPERIMENT_STATUS_RUNNING;
      case STOPPED -> dev.assay.assignment.v1.ExperimentStatus.EXPERIMENT_STATUS_STOPPED;
    };
  }
}
