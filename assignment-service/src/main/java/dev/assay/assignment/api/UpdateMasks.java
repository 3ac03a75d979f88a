package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import dev.assay.assignment.definitions.Limits;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

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

  /**
   * Rejects more than {@link Limits#MAX_MASK_PATHS} paths and paths outside {@code writable}
   * (naming the first {@link Limits#MAX_ELEMENT_VIOLATIONS}, each echoed only in part).
   */
  private static FieldMask checked(FieldMask mask, List<String> writable) {
    Violations v = new Violations();
    if (mask.getPathsCount() > Limits.MAX_MASK_PATHS) {
      throw ValidationException.of(
          "update_mask.paths",
          "at most " + Limits.MAX_MASK_PATHS + " paths, got " + mask.getPathsCount());
    }
    int reported = 0;
    for (int i = 0; i < mask.getPathsCount() && reported < Limits.MAX_ELEMENT_VIOLATIONS; i++) {
      String path = mask.getPaths(i);
      if (!writable.contains(path)) {
        v.add(
            "update_mask.paths[" + i + "]",
            "unknown or read-only field "
                + Limits.echo(path)
                + "; writable fields: "
                + String.join(", ", writable));
        reported++;
      }
    }
    v.throwIfAny();
    return mask.getPathsCount() == 0 ? FieldMask.newBuilder().addAllPaths(writable).build() : mask;
  }

  /**
   * The edit an update request describes: the current definition with the fields the mask names
   * (checked against {@code writable}; empty means all of them) taken from {@code requested}.
   */
  static <M extends Message, T> UnaryOperator<T> edit(
      FieldMask requestedMask,
      List<String> writable,
      M requested,
      Function<T, M> toProto,
      Function<M, T> toDomain) {
    FieldMask mask = checked(requestedMask, writable);
    return current -> toDomain.apply(apply(mask, requested, toProto.apply(current)));
  }

  /** {@code current} with the masked fields taken from {@code requested}. */
  private static <M extends Message> M apply(FieldMask mask, M requested, M current) {
    Message.Builder merged = current.toBuilder();
    FieldMaskUtil.merge(mask, requested, merged, REPLACE);
    @SuppressWarnings("unchecked") // a message's own builder builds the message's type
    M result = (M) merged.build();
    return result;
  }
}
