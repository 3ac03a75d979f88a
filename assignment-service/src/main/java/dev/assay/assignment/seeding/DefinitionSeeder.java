package dev.assay.assignment.seeding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.assay.assignment.api.ExperimentMapper;
import dev.assay.assignment.api.FlagMapper;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.log.EventLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Seeds definitions from a YAML or JSON file at start: {@code experiments:} and {@code flags:} lists
 * whose items are the contract's Experiment and FeatureFlag messages in protobuf JSON form. Items
 * whose key already exists are left alone, so edits made through the API survive restarts.
 */
public final class DefinitionSeeder {
  private final ExperimentCatalog experiments;
  private final FlagCatalog flags;

  /** Creates through the catalogs, with their validation. */
  public DefinitionSeeder(ExperimentCatalog experiments, FlagCatalog flags) {
    this.experiments = experiments;
    this.flags = flags;
  }

  /** Creates every definition in {@code file} that does not exist yet; invalid ones stop start-up. */
  public void seed(Path file) throws IOException {
    ObjectMapper reader = file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    JsonNode root = reader.readTree(file.toFile());
    int created = 0;
    int kept = 0;
    // Experiments first: flag rules may refer to them.
    for (JsonNode node : root.path("experiments")) {
      dev.assay.assignment.v1.Experiment.Builder experiment = dev.assay.assignment.v1.Experiment.newBuilder();
      parse(node, experiment, file);
      try {
        experiments.create(ExperimentMapper.toDomain(experiment.build()));
        created++;
      } catch (AlreadyExistsException e) {
        kept++;
      }
    }
    for (JsonNode node : root.path("flags")) {
      dev.assay.assignment.v1.FeatureFlag.Builder flag = dev.assay.assignment.v1.FeatureFlag.newBuilder();
      parse(node, flag, file);
      try {
        flags.create(FlagMapper.toDomain(flag.build()));
        created++;
      } catch (AlreadyExistsException e) {
        kept++;
      }
    }
    EventLog.info("definitions.seeded", "file", file.toString(), "created", created, "already_present", kept);
  }

  private static void parse(JsonNode node, com.google.protobuf.Message.Builder builder, Path file) throws IOException {
    try {
      JsonFormat.parser().merge(node.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("invalid definition in " + file + ": " + e.getMessage() + " in " + node, e);
    }
  }
}
