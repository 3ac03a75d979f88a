package dev.assay.assignment.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A dot-separated attribute path such as {@code user.profile.plan}, split once at compile time.
 *
 * <p>Source: GrowthBook JS SDK {@code mongrule.ts} {@code getPath}. Each segment is looked up as an
 * own key of an object, or as an index or {@code length} of an array; anything else (a missing key,
 * a step into a string or number) gives null. Unlike JavaScript, inherited properties such as
 * {@code toString} or {@code constructor} are never found.
 */
final class AttributePath {
  private final String[] segments;

  private AttributePath(String[] segments) {
    this.segments = segments;
  }

  static AttributePath parse(String path) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '.') {
        parts.add(path.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(path.substring(from));
    return new AttributePath(parts.toArray(new String[0]));
  }

  /** The value at this path in {@code root}, or null when there is none. */
  @Nullable Object resolve(@Nullable Object root) {
    Object current = root;
    for (String segment : segments) {
      if (current instanceof Map<?, ?> map) {
        Object next = map.get(segment);
        if (next == null && !map.containsKey(segment)) {
          return null;
        }
        current = next;
      } else if (current instanceof List<?> list) {
        if (segment.equals("length")) {
          current = list.size();
        } else {
          long index = JsValues.arrayIndex(segment);
          if (index < 0 || index >= list.size()) {
            return null;
          }
          current = list.get((int) index);
        }
      } else {
        return null;
      }
    }
    return current;
  }
}
