package dev.assay.benchmarks.assignment;

import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.definitions.AnalysisPlan;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.overrides.OverrideRegistry;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's world: 1,000 experiments defined (half running, a quarter targeted on country,
 * some in a namespace), 100 overrides on each of the first 100 experiments, and the 10 experiment
 * keys one evaluation asks for.
 */
final class AssignmentFixture {
  static final int EXPERIMENTS = 1000;
  static final int EVALUATED = 10;

  private AssignmentFixture() {}

  /**
   * Defines everything through the catalog (so through the store) and returns the keys to evaluate.
   */
  static List<String> populate(AssignmentStore store, ReplicaState state) {
    Clock clock = Clock.systemUTC();
    ExperimentCatalog catalog = new ExperimentCatalog(store, state, clock);
    OverrideRegistry overrides = new OverrideRegistry(store, state, clock);
    for (int i = 0; i < EXPERIMENTS; i++) {
      String key = String.format("exp-%04d", i);
      Map<String, Object> condition =
          i % 4 == 1 ? Map.of("country", Map.of("$in", List.of("FR", "DE", "US"))) : Map.of();
      catalog.create(
          new Experiment(
              key,
              "benchmark " + key,
              List.of(
                  new Variation("control", 0.34, null),
                  new Variation("a", 0.33, null),
                  new Variation("b", 0.33, null)),
              0.8,
              "",
              "",
              2,
              condition,
              null,
              i % 2 == 0 ? ExperimentStatus.RUNNING : ExperimentStatus.DRAFT,
              -1,
              List.of(),
              List.of(),
              0,
              false,
              Instant.EPOCH,
              AnalysisPlan.NONE));
    }
    for (int i = 0; i < 100; i++) {
      String key = String.format("exp-%04d", i);
      List<String> units = new ArrayList<>();
      for (int u = 0; u < 100; u++) {
        units.add("qa-" + u);
      }
      overrides.setMany(
          new UnitOverride(
              OverrideTarget.experiment(key),
              "",
              "a",
              null,
              null,
              "benchmark",
              "bench",
              Instant.EPOCH),
          units);
    }
    List<String> evaluated = new ArrayList<>();
    for (int i = 0; i < EVALUATED; i++) {
      evaluated.add(String.format("exp-%04d", i * 2));
    }
    return evaluated;
  }
}
