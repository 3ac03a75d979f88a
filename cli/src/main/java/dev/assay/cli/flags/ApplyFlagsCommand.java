package dev.assay.cli.flags;

import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.GetFeatureFlagRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.apply.ApplyOptions;
import dev.assay.cli.apply.ApplyReport;
import dev.assay.cli.apply.InvalidResourceFileException;
import dev.assay.cli.apply.ResourceDiff;
import dev.assay.cli.apply.ResourceFile;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code assay flags apply -f FILE [--dry-run]}: makes the stored flags say what the file says:
 * created if absent, left alone if equal, else a field-level diff and an update of exactly the
 * changed fields, only if nobody changed the flag since it was read.
 */
@Command(
    name = "apply",
    description = {
      "Creates or updates the feature flags in FILE, in order: prints each change field by field"
          + " (path: old -> new), then writes only the changed fields. A flag equal to the file"
          + " is not written."
    })
final class ApplyFlagsCommand extends AssaySubcommand {
  /** Written by the server, never by a file. */
  static final Set<String> SERVER_OWNED = Set.of("version", "archived", "update_time");

  @Mixin private ApplyOptions options = new ApplyOptions();

  @Override
  public Integer call() {
    List<FeatureFlag> wanted;
    try {
      wanted = ResourceFile.read(options.file(), "flags", FeatureFlag::newBuilder);
    } catch (InvalidResourceFileException e) {
      throw badInput("--file " + e.getMessage());
    }
    ApplyReport report = new ApplyReport(out(), options.isDryRun());
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      for (FeatureFlag flag : wanted) {
        apply(connection, flag, report);
      }
    }
    return AssayCommand.OK;
  }

  private void apply(Connection connection, FeatureFlag wanted, ApplyReport report) {
    DefinitionServiceGrpc.DefinitionServiceBlockingStub reads =
        connection.read(DefinitionServiceGrpc.newBlockingStub(connection.channel()));
    DefinitionServiceGrpc.DefinitionServiceBlockingStub writes =
        connection.write(DefinitionServiceGrpc.newBlockingStub(connection.channel()));
    Optional<FeatureFlag> current = find(reads, wanted.getKey());
    if (current.isEmpty()) {
      report.created("flag", wanted.getKey());
      if (!options.isDryRun()) {
        FeatureFlag created =
            writes
                .createFeatureFlag(CreateFeatureFlagRequest.newBuilder().setFlag(wanted).build())
                .getFlag();
        report.detail("version " + created.getVersion());
      }
      return;
    }
    ResourceDiff diff = ResourceDiff.between(current.get(), wanted, SERVER_OWNED);
    if (diff.isEmpty()) {
      report.unchanged("flag", wanted.getKey());
      return;
    }
    report.updated("flag", wanted.getKey(), diff);
    if (options.isDryRun()) {
      return;
    }
    FeatureFlag updated =
        writes
            .updateFeatureFlag(
                UpdateFeatureFlagRequest.newBuilder()
                    .setFlag(wanted)
                    .setUpdateMask(diff.updateMask())
                    .setExpectedVersion(current.get().getVersion())
                    .build())
            .getFlag();
    report.detail("version " + current.get().getVersion() + " -> " + updated.getVersion());
  }

  private static Optional<FeatureFlag> find(
      DefinitionServiceGrpc.DefinitionServiceBlockingStub reads, String key) {
    try {
      return Optional.of(
          reads.getFeatureFlag(GetFeatureFlagRequest.newBuilder().setKey(key).build()).getFlag());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
