package dev.assay.cli.overrides;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.cli.time.Rfc3339Converter;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay overrides set}: forces one unit's variation or flag value. */
@Command(
    name = "set",
    description =
        "Forces one unit into a variation of an experiment (--variation) or to a value of a flag"
            + " (--value, JSON of the flag's type), replacing any override it had.")
final class SetOverrideCommand extends AssaySubcommand {
  @Mixin private OverrideTargetOptions target = new OverrideTargetOptions();

  @Option(names = "--unit", required = true, paramLabel = "ID", description = "The unit id.")
  private String unit = "";

  @Option(
      names = "--variation",
      paramLabel = "KEY",
      description = "For --experiment: the variation the unit sees.")
  private @Nullable String variation;

  @Option(
      names = "--value",
      paramLabel = "JSON",
      description = "For --flag: the value the unit gets, as JSON (true, 3, \"blue\", {...}).")
  private @Nullable String value;

  @Option(
      names = "--expire-time",
      paramLabel = "TIME",
      converter = Rfc3339Converter.class,
      description = "When the override stops applying (RFC 3339); default never.")
  private @Nullable Instant expireTime;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, stored with the override.")
  private @Nullable String note;

  @Option(names = "--set-by", paramLabel = "NAME", description = "Who, stored with the override.")
  private @Nullable String setBy;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    dev.assay.assignment.v1.Override.Builder override =
        dev.assay.assignment.v1.Override.newBuilder().setTarget(target.target()).setUnitId(unit);
    String variationKey = variation;
    String json = value;
    if (target.isExperiment()) {
      if (variationKey == null || json != null) {
        throw badInput(
            "--variation: give the variation for an --experiment override (not --value)");
      }
      override.setVariationKey(variationKey);
    } else {
      if (json == null || variationKey != null) {
        throw badInput("--value: give the JSON value for a --flag override (not --variation)");
      }
      Value.Builder parsed = Value.newBuilder();
      try {
        JsonFormat.parser().merge(json, parsed);
      } catch (InvalidProtocolBufferException e) {
        throw badInput("--value: not a JSON value: " + json);
      }
      override.setFlagValue(parsed);
    }
    Instant expires = expireTime;
    if (expires != null) {
      override.setExpireTime(Timestamps.fromMillis(expires.toEpochMilli()));
    }
    if (note != null) {
      override.setReason(note);
    }
    if (setBy != null) {
      override.setSetBy(setBy);
    }
    dev.assay.assignment.v1.Override stored;
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      stored =
          connection
              .write(OverrideServiceGrpc.newBlockingStub(connection.channel()))
              .setOverride(SetOverrideRequest.newBuilder().setOverride(override).build())
              .getOverride();
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(stored));
    } else {
      TextTable table = OverrideRows.table();
      OverrideRows.add(table, stored);
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
