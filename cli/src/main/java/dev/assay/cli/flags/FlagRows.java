package dev.assay.cli.flags;

import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;

/** Feature flags as table rows. */
final class FlagRows {
  private FlagRows() {}

  static TextTable table() {
    return new TextTable("KEY", "TYPE", "DEFAULT", "RULES", "STATE", "VERSION", "DESCRIPTION");
  }

  static void add(TextTable table, FeatureFlag flag) {
    table.add(
        flag.getKey(),
        flag.getValueType().name().replace("FLAG_VALUE_TYPE_", ""),
        ProtoJson.line(flag.getDefaultValue()),
        Integer.toString(flag.getRulesCount()),
        flag.getArchived() ? "ARCHIVED" : flag.getKilled() ? "KILLED" : "ACTIVE",
        Long.toString(flag.getVersion()),
        flag.getDescription());
  }
}
