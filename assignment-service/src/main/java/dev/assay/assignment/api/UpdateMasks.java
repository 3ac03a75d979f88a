package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import dev.assay.runtime.errors.Violations;
import java.util.List;

/**
 * Applies an update's field mask: named fields are replaced whole (messages, lists and scalars; an
 * unset optional field is cleared back to its default); an empty mask means every writable field.
 */
final class UpdateMasks {
  private static final FieldMaskUtil.MergeOptions REPLACE =
      new FieldMaskUtil.MergeOptions()
          .setReplaceMessageFields(true)
          .setReplaceRepeatedFields(true)
          .setReplacePrimitiveFields(true);

  private UpdateMasks() {}

  /** Rejects paths outside {@code writable}. */
  static FieldMask checked(FieldMask mask, List<String> writable) {
    Violations v = new Violations();
    for (int i = 0; i < mask.getPathsCount(); i++) {
      String path = mask.getPaths(i);
      v.check(
          !writable.contains(path),
          "update_mask.paths[" + i + "]",
          "unknown or read-only field "
              + path
              + "; writable fields: "
              + String.join(", ", writable));
    }
    v.throwIfAny();
    return mask.getPathsCount() == 0 ? FieldMask.newBuilder().addAllPaths(writable).build() : mask;
  }

  /** {@code current} with the masked fields taken from {@code requested}. */
  @SuppressWarnings("unchecked")
  static <M extends Message> M apply(FieldMask mask, M requested, M current) {
    Message.Builder merged = current.toBuilder();
    FieldMaskUtil.merge(mask, requested, merged, REPLACE);
    return (M) merged.build();
  }
}
