package dev.assay.cli.overrides;

import com.google.protobuf.util.Timestamps;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;

/** Overrides as table rows. */
final class OverrideRows {
  private OverrideRows() {}

  static TextTable table() {
    return new TextTable("UNIT", "FORCED", "EXPIRES", "SET BY", "REASON");
  }

  static void add(TextTable table, dev.assay.assignment.v1.Override override) {
    table.add(
        override.getUnitId(),
        override.hasFlagValue()
            ? ProtoJson.line(override.getFlagValue())
            : override.getVariationKey(),
        override.hasExpireTime() ? Timestamps.toString(override.getExpireTime()) : "never",
        override.getSetBy(),
        override.getReason());
  }
}
