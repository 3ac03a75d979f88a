package dev.assay.assignment.support;

import dev.assay.assignment.definitions.AnalysisPlan;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.assignment.definitions.Range;
import dev.assay.assignment.definitions.RolloutStep;
import dev.assay.assignment.definitions.Variation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds experiment definitions for tests: running, two equal variations, full coverage, v2 hash.
 */
public final class ExperimentBuilder {
  private final String key;
  private List<Variation> variations =
      new ArrayList<>(
          List.of(new Variation("control", 0.5, null), new Variation("treatment", 0.5, null)));
  private double coverage = 1.0;
  private String hashAttribute = "";
  private String seed = "";
  private int hashVersion = 2;
  private Map<String, Object> condition = new LinkedHashMap<>();
  private NamespaceSlice namespace;
  private ExperimentStatus status = ExperimentStatus.RUNNING;
  private int rolledOut = -1;
  private List<List<Range>> ranges = List.of();
  private List<RolloutStep> rollout = List.of();
  private long version = 1;
  private AnalysisPlan analysis = AnalysisPlan.NONE;

  private ExperimentBuilder(String key) {
    this.key = key;
  }

  public static ExperimentBuilder experiment(String key) {
    return new ExperimentBuilder(key);
  }

  public ExperimentBuilder weights(double... weights) {
    List<Variation> list = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      list.add(new Variation(i == 0 ? "control" : "v" + i, weights[i], null));
    }
    this.variations = list;
    return this;
  }

  public ExperimentBuilder variations(List<Variation> variations) {
    this.variations = variations;
    return this;
  }

  public ExperimentBuilder coverage(double coverage) {
    this.coverage = coverage;
    return this;
  }

  public ExperimentBuilder hashAttribute(String attribute) {
    this.hashAttribute = attribute;
    return this;
  }

  public ExperimentBuilder seed(String seed) {
    this.seed = seed;
    return this;
  }

  public ExperimentBuilder hashVersion(int hashVersion) {
    this.hashVersion = hashVersion;
    return this;
  }

  public ExperimentBuilder condition(Map<String, Object> condition) {
    this.condition = condition;
    return this;
  }

  public ExperimentBuilder namespace(String id, double start, double end) {
    this.namespace = new NamespaceSlice(id, start, end);
    return this;
  }

  public ExperimentBuilder status(ExperimentStatus status) {
    this.status = status;
    return this;
  }

  public ExperimentBuilder rolledOut(int variation) {
    this.status = ExperimentStatus.STOPPED;
    this.rolledOut = variation;
    return this;
  }

  public ExperimentBuilder ranges(List<List<Range>> ranges) {
    this.ranges = ranges;
    return this;
  }

  public ExperimentBuilder rollout(List<RolloutStep> steps) {
    this.rollout = steps;
    return this;
  }

  public ExperimentBuilder version(long version) {
    this.version = version;
    return this;
  }

  public ExperimentBuilder analysis(AnalysisPlan analysis) {
    this.analysis = analysis;
    return this;
  }

  public Experiment build() {
    return new Experiment(
        key,
        "name of " + key,
        variations,
        coverage,
        hashAttribute,
        seed,
        hashVersion,
        condition,
        namespace,
        status,
        rolledOut,
        ranges,
        rollout,
        version,
        false,
        Instant.parse("2026-01-01T00:00:00Z"),
        analysis);
  }
}
