package dev.assay.assignment.seeding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.assay.assignment.api.ExperimentMapper;
import dev.assay.assignment.api.FlagMapper;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.log.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Seeds definitions from a YAML or JSON file at start: {@code experiments:} and {@code flags:}
 * lists whose items are the contract's Experiment and FeatureFlag messages in protobuf JSON form.
 * Items whose key already exists are left alone, so edits made through the API survive restarts.
 */
public final class DefinitionSeeder {
  private final ExperimentCatalog experiments;
  private final FlagCatalog flags;

  /** Creates through the catalogs, with their validation. */
  public DefinitionSeeder(ExperimentCatalog experiments, FlagCatalog flags) {
    this.experiments = experiments;
    this.flags = flags;
  }

  /**
   * Creates every definition in {@code file} that does not exist yet; invalid ones stop start-up.
   */
  public void seed(Path file) throws IOException {
    ObjectMapper reader =
        file.toString().endsWith(".json")
            ? new ObjectMapper()
            : new ObjectMapper(new YAMLFactory());
    JsonNode root = reader.readTree(file.toFile());
    // Experiments first: flag rules may refer to them.
    int[] experimentCounts =
        createEach(
            root.path("experiments"),
            file,
            dev.assay.assignment.v1.Experiment::newBuilder,
            p ->
                experiments.create(
                    ExperimentMapper.toDomain((dev.assay.assignment.v1.Experiment) p)));
    int[] flagCounts =
        createEach(
            root.path("flags"),
            file,
            dev.assay.assignment.v1.FeatureFlag::newBuilder,
            p -> flags.create(FlagMapper.toDomain((dev.assay.assignment.v1.FeatureFlag) p)));
    int created = experimentCounts[0] + flagCounts[0];
    int kept = experimentCounts[1] + flagCounts[1];
    EventLog.info(
        "definitions.seeded", "file", file.toString(), "created", created, "already_present", kept);
  }

  /** Parses and creates each item; returns {created, already present}. */
  private static int[] createEach(
      JsonNode items, Path file, Supplier<Message.Builder> builders, Consumer<Message> create)
      throws IOException {
    int[] counts = new int[2];
    for (JsonNode node : items) {
      Message.Builder builder = builders.get();
      parse(node, builder, file);
      try {
        create.accept(builder.build());
        counts[0]++;
      } catch (AlreadyExistsException e) {
        counts[1]++;
      }
    }
    return counts;
  }

  private static void parse(JsonNode node, Message.Builder builder, Path file) throws IOException {
    try {
      JsonFormat.parser().merge(node.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(
          "invalid definition in " + file + ": " + e.getMessage() + " in " + node, e);
    }
  }
}
