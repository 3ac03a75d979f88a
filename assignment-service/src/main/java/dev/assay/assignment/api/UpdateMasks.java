package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
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

  /** Rejects paths outside {@code writable}. */
  private static FieldMask checked(FieldMask mask, List<String> writable) {
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
