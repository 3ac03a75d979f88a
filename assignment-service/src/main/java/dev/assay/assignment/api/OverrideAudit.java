package dev.assay.assignment.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.assay.assignment.overrides.BatchRevision;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How override writes appear in the audit trail. One override is recorded as itself under {@code
 * <experiment|flag>/<key>/<unit id>}. A batch (up to 10,000 units) is one entry under {@code
 * <experiment|flag>/<key>/*}, not one per unit, so a batch cannot flood the trail: its {@code
 * after} holds the override every unit got, the unit count and the first {@value #LISTED_UNITS}
 * unit ids; its {@code before}, the count and first {@value #LISTED_UNITS} of the overrides it
 * replaced (null when it replaced none).
 */
final class OverrideAudit {
  /** The resource type of override entries. */
  static final String TYPE = "override";

  /** Unit ids (and replaced overrides) a batch entry lists at most. */
  static final int LISTED_UNITS = 100;

  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

  private OverrideAudit() {}

  /** {@code <experiment|flag>/<key>/<unit id>}, the shape the audit query filters projects by. */
  static String resourceId(OverrideTarget target, String unitId) {
    String kind = target.kind() == OverrideTarget.Kind.EXPERIMENT ? "experiment" : "flag";
    return kind + "/" + target.key() + "/" + unitId;
  }

  /** The batch's resource id: every unit of the target. */
  static String batchResourceId(OverrideTarget target) {
    return resourceId(target, "*");
  }

  /** What the batch wrote. */
  static Struct after(BatchRevision batch) {
    List<String> units = batch.unitIds();
    List<String> listed = units.subList(0, Math.min(units.size(), LISTED_UNITS));
    ListValue.Builder ids = ListValue.newBuilder();
    listed.forEach(id -> ids.addValues(Value.newBuilder().setStringValue(id)));
    return Struct.newBuilder()
        .putFields("override", structValue(OverrideMapper.toProto(batch.written())))
        .putFields("unitCount", number(units.size()))
        .putFields("unitIds", Value.newBuilder().setListValue(ids).build())
        .putFields("unitIdsOmitted", number(units.size() - listed.size()))
        .build();
  }

  /** What the batch replaced, or null when every unit was new. */
  static @Nullable Struct before(BatchRevision batch) {
    List<UnitOverride> replaced = batch.replaced();
    if (replaced.isEmpty()) {
      return null;
    }
    int shown = Math.min(replaced.size(), LISTED_UNITS);
    ListValue.Builder overrides = ListValue.newBuilder();
    for (UnitOverride o : replaced.subList(0, shown)) {
      overrides.addValues(structValue(OverrideMapper.toProto(o)));
    }
    return Struct.newBuilder()
        .putFields("replacedCount", number(replaced.size()))
        .putFields("replaced", Value.newBuilder().setListValue(overrides).build())
        .putFields("replacedOmitted", number(replaced.size() - shown))
        .build();
  }

  private static Value number(int n) {
    return Value.newBuilder().setNumberValue(n).build();
  }

  /** A message as the JSON object the trail would print for it. */
  private static Value structValue(Message message) {
    try {
      Struct.Builder struct = Struct.newBuilder();
      JsonFormat.parser().merge(JSON.print(message), struct);
      return Value.newBuilder().setStructValue(struct).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored override always prints as JSON", e);
    }
  }
}
