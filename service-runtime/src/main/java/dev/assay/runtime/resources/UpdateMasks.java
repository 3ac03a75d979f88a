package dev.assay.runtime.resources;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import dev.assay.runtime.errors.BoundedText;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Applies an update's field mask (AIP-134): named fields are replaced whole (messages, lists and
 * scalars; an unset optional field is cleared back to its default); an empty mask means every
 * writable field.
 */
public final class UpdateMasks {
  /** Paths in one mask. */
  public static final int MAX_PATHS = 100;

  /** Bad paths reported; later ones are not listed. */
  static final int MAX_REPORTED = 20;

  /** Characters of a bad path an error message repeats. */
  static final int MAX_ECHO = 64;

  private static final FieldMaskUtil.MergeOptions REPLACE =
      new FieldMaskUtil.MergeOptions()
          .setReplaceMessageFields(true)
          .setReplaceRepeatedFields(true)
          .setReplacePrimitiveFields(true);

  private UpdateMasks() {}

  /**
   * The edit an update request describes: the current resource with the fields the mask names
   * (checked against {@code writable}; empty means all of them) taken from {@code requested}.
   *
   * @throws ValidationException naming {@code update_mask.paths} (more than {@link #MAX_PATHS}) or
   *     {@code update_mask.paths[i]} (a path outside {@code writable}), before anything is read
   */
  public static <M extends Message, T> UnaryOperator<T> edit(
      FieldMask requestedMask,
      List<String> writable,
      M requested,
      Function<T, M> toProto,
      Function<M, T> toDomain) {
    FieldMask mask = checked(requestedMask, writable);
    return current -> toDomain.apply(apply(mask, requested, toProto.apply(current)));
  }

  /** The mask, or every writable field for an empty one; rejects paths outside {@code writable}. */
  private static FieldMask checked(FieldMask mask, List<String> writable) {
    if (mask.getPathsCount() > MAX_PATHS) {
      throw ValidationException.of(
          "update_mask.paths", "at most " + MAX_PATHS + " paths, got " + mask.getPathsCount());
    }
    Violations v = new Violations();
    int reported = 0;
    for (int i = 0; i < mask.getPathsCount() && reported < MAX_REPORTED; i++) {
      String path = mask.getPaths(i);
      if (!writable.contains(path)) {
        v.add(
            "update_mask.paths[" + i + "]",
            "unknown or read-only field "
                + BoundedText.truncate(path, MAX_ECHO)
                + "; writable fields: "
                + String.join(", ", writable));
        reported++;
      }
    }
    v.throwIfAny();
    return mask.getPathsCount() == 0 ? FieldMask.newBuilder().addAllPaths(writable).build() : mask;
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
