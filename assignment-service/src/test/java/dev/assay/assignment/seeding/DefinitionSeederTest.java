package dev.assay.assignment.seeding;

import static dev.assay.assignment.support.ExperimentBuilder.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.api.ExperimentMapper;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.FlagValueType;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionSeederTest {
  private static final String EXPERIMENT_AND_FLAG =
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
            - id: checkout
              experiment:
                experimentKey: checkout-button
                variationValues: [false, true]
      """;

  private final InMemoryAssignmentStore store = new InMemoryAssignmentStore();
  private final ReplicaState state = new ReplicaState();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final ExperimentCatalog experiments = new ExperimentCatalog(store, state, clock);
  private final FlagCatalog flags = new FlagCatalog(store, state, clock);
  private final DefinitionSeeder seeder = new DefinitionSeeder(experiments, flags);
  @TempDir Path dir;

  @Test
  void seedsExperimentsAndFlagsFromYamlAndKeepsExistingOnesOnRestart() throws IOException {
    DefinitionsFile file = DefinitionsFile.read(write("definitions.yaml", EXPERIMENT_AND_FLAG));

    seeder.seed(file);
    experiments.update(
        "checkout-button",
        e ->
            ExperimentMapper.toDomain(
                ExperimentMapper.toProto(e).toBuilder().setName("renamed").build()),
        0);
    seeder.seed(file);

    assertEquals(ExperimentStatus.RUNNING, experiments.get("checkout-button").status());
    assertEquals(0.5, experiments.get("checkout-button").coverage());
    assertEquals("renamed", experiments.get("checkout-button").name());
    assertEquals(FlagValueType.BOOL, flags.get("new-nav").valueType());
    assertEquals(2, flags.get("new-nav").rules().size());
  }

  @Test
  void readsJsonWhenTheNameSaysSo() throws IOException {
    DefinitionsFile file =
        DefinitionsFile.read(
            write(
                "definitions.json",
                "{\"experiments\": [{\"key\": \"x\", \"variations\": [{\"key\": \"a\"}, {\"key\":"
                    + " \"b\"}]}]}"));

    assertEquals(List.of("x"), file.experiments().stream().map(e -> e.key()).toList());
    assertEquals(List.of(), file.flags());
  }

  @Test
  void anEmptyFileSeedsNothing() throws IOException {
    DefinitionsFile file = DefinitionsFile.read(write("empty.yaml", ""));

    seeder.seed(file);

    assertEquals(List.of(), store.experiments().loadAll());
  }

  @Test
  void anInvalidDefinitionIsNamedByFileItemAndField() throws IOException {
    Path file =
        write(
            "bad.json",
            "{\"experiments\": [{\"key\": \"x\", \"variations\": [{\"key\": \"a\"}, {\"key\":"
                + " \"b\"}]}, {\"key\": \"y\", \"variations\": [{\"key\": \"only\"}]}]}");

    assertEquals(
        file
            + ": experiments[1] (key y): experiment.variations: must have 2 to 100 variations,"
            + " got 1",
        readError(file));
  }

  @Test
  void anUnknownFieldIsNamedByFileAndItem() throws IOException {
    Path file = write("bad.json", "{\"experiments\": [{\"key\": \"x\", \"noSuchField\": 1}]}");

    String message = readError(file);

    assertTrue(message.startsWith(file + ": experiments[0] (key x): "), message);
    assertTrue(message.contains("noSuchField"), message);
  }

  @Test
  void anUnknownTopLevelKeyIsRejected() throws IOException {
    Path file = write("typo.yaml", "experiment:\n  - key: x\n");

    assertEquals(
        file + ": unknown top-level key 'experiment' (allowed: experiments, flags)",
        readError(file));
  }

  @Test
  void aSyntaxErrorIsOneLineWithItsPlace() throws IOException {
    Path file = write("broken.yaml", "experiments:\n  - key: x\n   variations: [\n");

    String message = readError(file);

    assertTrue(message.startsWith(file + ": not valid YAML at line "), message);
    assertTrue(!message.contains("\n"), message);
  }

  @Test
  void aFlagWithoutAValueTypeOrAnActionIsRejected() throws IOException {
    Path noType = write("flags.yaml", "flags:\n  - key: f\n    defaultValue: true\n");
    Path noAction =
        write(
            "rules.yaml",
            """
            flags:
              - key: f
                valueType: FLAG_VALUE_TYPE_BOOL
                defaultValue: true
                rules: [{id: r}]
            """);

    assertEquals(
        noType + ": flags[0] (key f): flag.value_type: is required (BOOL, STRING, NUMBER or JSON)",
        readError(noType));
    assertEquals(
        noAction + ": flags[0] (key f): flag.rules[0]: needs one of force, rollout or experiment",
        readError(noAction));
  }

  @Test
  void aKeyGivenTwiceIsRejected() throws IOException {
    Path file =
        write(
            "twice.yaml",
            """
            experiments:
              - {key: x, variations: [{key: a}, {key: b}]}
              - {key: x, variations: [{key: a}, {key: c}]}
            """);

    assertEquals(
        file + ": experiments[1] (key x): key: the same key as experiments[0]", readError(file));
  }

  @Test
  void aFlagMayFollowAnExperimentAlreadyStoredButNotAMissingOne() throws IOException {
    Path file =
        write(
            "flag.yaml",
            """
            flags:
              - key: f
                valueType: FLAG_VALUE_TYPE_BOOL
                defaultValue: false
                rules: [{experiment: {experimentKey: stored, variationValues: [false, true]}}]
            """);
    DefinitionsFile definitions = DefinitionsFile.read(file);

    InvalidDefinitionsException missing =
        assertThrows(InvalidDefinitionsException.class, () -> seeder.seed(definitions));
    assertEquals(
        file + ": flags[0] (key f): flag.rules[0].experiment.experiment_key: no experiment stored",
        missing.getMessage());
    assertEquals(List.of(), store.flags().loadAll(), "nothing was created");

    experiments.create(experiment("stored").build());
    seeder.seed(definitions);
    assertEquals(FlagValueType.BOOL, flags.get("f").valueType());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String readError(Path file) {
    return assertThrows(InvalidDefinitionsException.class, () -> DefinitionsFile.read(file))
        .getMessage();
  }
}
