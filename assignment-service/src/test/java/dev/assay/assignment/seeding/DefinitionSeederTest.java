package dev.assay.assignment.seeding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.FlagValueType;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.runtime.errors.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionSeederTest {
  private final InMemoryAssignmentStore store = new InMemoryAssignmentStore();
  private final ReplicaState state = new ReplicaState();
  private final ExperimentCatalog experiments =
      new ExperimentCatalog(store, state, Clock.systemUTC());
  private final FlagCatalog flags = new FlagCatalog(store, state, Clock.systemUTC());
  private final DefinitionSeeder seeder = new DefinitionSeeder(experiments, flags);

  @Test
  void seedsExperimentsAndFlagsFromYamlAndKeepsExistingOnesOnRestart(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("definitions.yaml");
    Files.writeString(
        file,
        """
        experiments:
          - key: checkout-button
            status: EXPERIMENT_STATUS_RUNNING
            coverage: 0.5
            variations:
              - {key: control, weight: 0.5}
              - {key: green, weight: 0.5, payload: {color: green}}
        flags:
          - key: new-nav
            valueType: FLAG_VALUE_TYPE_BOOL
            defaultValue: false
            rules:
              - id: staff
                condition: {staff: true}
                force: {value: true}
        """);

    seeder.seed(file);
    experiments.update(
        "checkout-button",
        e ->
            new dev.assay.assignment.definitions.Experiment(
                e.key(),
                "renamed",
                e.variations(),
                e.coverage(),
                e.hashAttribute(),
                e.seed(),
                e.hashVersion(),
                e.condition(),
                e.namespace(),
                e.status(),
                e.rolledOutVariation(),
                e.explicitRanges(),
                e.rollout(),
                e.version(),
                e.archived(),
                e.updateTime()),
        0);
    seeder.seed(file);

    assertEquals(ExperimentStatus.RUNNING, experiments.get("checkout-button").status());
    assertEquals(0.5, experiments.get("checkout-button").coverage());
    assertEquals("renamed", experiments.get("checkout-button").name());
    assertEquals(FlagValueType.BOOL, flags.get("new-nav").valueType());
    assertEquals(1, flags.get("new-nav").rules().size());
  }

  @Test
  void anInvalidSeedStopsStartUp(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file, "{\"experiments\": [{\"key\": \"x\", \"variations\": [{\"key\": \"only\"}]}]}");

    assertThrows(ValidationException.class, () -> seeder.seed(file));
    assertThrows(
        IOException.class,
        () -> {
          Files.writeString(file, "{\"experiments\": [{\"key\": \"x\", \"noSuchField\": 1}]}");
          seeder.seed(file);
        });
  }
}
