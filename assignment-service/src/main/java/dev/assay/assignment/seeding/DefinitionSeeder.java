package dev.assay.assignment.seeding;

import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.definitions.Definition;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagValidator;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.log.EventLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Seeds the definitions of a {@link DefinitionsFile} through the catalogs, experiments first (flag
 * rules may refer to them). Items whose key already exists are left alone, so edits made through
 * the API survive restarts.
 */
public final class DefinitionSeeder {
  private final ExperimentCatalog experiments;
  private final FlagCatalog flags;
  private final Consumer<Definition<?>> created;

  /** Creates through the catalogs, with their validation. */
  public DefinitionSeeder(ExperimentCatalog experiments, FlagCatalog flags) {
    this(experiments, flags, definition -> {});
  }

  /**
   * Creates through the catalogs, with their validation, and tells {@code created} of each
   * definition it created (the audit trail), not of those left alone.
   */
  public DefinitionSeeder(
      ExperimentCatalog experiments, FlagCatalog flags, Consumer<Definition<?>> created) {
    this.experiments = experiments;
    this.flags = flags;
    this.created = created;
  }

  /**
   * Creates every definition of {@code file} that does not exist yet. First checks, before writing
   * anything, that every experiment rule names an experiment that is stored or in the file.
   *
   * @throws InvalidDefinitionsException naming the file, the item and the field of a problem
   */
  public void seed(DefinitionsFile file) {
    if (file.path().isEmpty()) {
      return;
    }
    Path path = file.path().get();
    Function<String, Optional<Experiment>> experimentsKnown =
        key ->
            experiments
                .find(key)
                .or(() -> file.experiments().stream().filter(e -> e.key().equals(key)).findFirst());
    for (int i = 0; i < file.flags().size(); i++) {
      FeatureFlag flag = file.flags().get(i);
      try {
        FlagValidator.validate(flag, experimentsKnown);
      } catch (ValidationException e) {
        throw InvalidDefinitionsException.invalidItem(
            path, DefinitionsFile.item("flags", i, flag.key()), e);
      }
    }
    int[] experimentCounts =
        createEach(path, "experiments", file.experiments(), experiments::create);
    int[] flagCounts = createEach(path, "flags", file.flags(), flags::create);
    EventLog.info(
        "definitions.seeded",
        "file",
        path.toString(),
        "created",
        experimentCounts[0] + flagCounts[0],
        "already_present",
        experimentCounts[1] + flagCounts[1]);
  }

  /** Creates each definition; returns {created, already present}. */
  private <T extends Definition<T>> int[] createEach(
      Path path, String list, List<T> definitions, UnaryOperator<T> create) {
    int[] counts = new int[2];
    for (int i = 0; i < definitions.size(); i++) {
      try {
        created.accept(create.apply(definitions.get(i)));
        counts[0]++;
      } catch (AlreadyExistsException e) {
        counts[1]++;
      } catch (ValidationException e) {
        throw InvalidDefinitionsException.invalidItem(
            path, DefinitionsFile.item(list, i, definitions.get(i).key()), e);
      }
    }
    return counts;
  }
}
