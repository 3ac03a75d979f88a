package dev.assay.cli.apply;

/**
 * One field that differs between the stored resource and the file, as {@code path: old -> new}.
 *
 * @param path the field's path in proto field names, e.g. {@code variations[1].weight}
 * @param before its stored value as JSON, or {@code (unset)}
 * @param after its value in the file as JSON, or {@code (unset)}
 */
public record FieldChange(String path, String before, String after) {
  /** The field's top-level name, as an update mask path. */
  public String topLevelField() {
    int end = path.length();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        end = i;
        break;
      }
    }
    return path.substring(0, end);
  }

  @Override
  public String toString() {
    return path + ": " + before + " -> " + after;
  }
}
