package dev.assay.assignment.definitions;

import dev.assay.runtime.errors.Violations;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules every JSON value Assay accepts must follow (payloads, flag values, overrides,
 * conditions, a unit's attributes): numbers finite (proto3 JSON cannot carry NaN or infinity, so a
 * stored one would break every JSON client reading it back), nesting and size bounded.
 *
 * @param maxDepth deepest nesting of objects and arrays; a scalar is at depth 0, {@code {}} at 1
 * @param maxValues most values in total (every object, array, member and element counts one)
 * @param maxStringLength longest string value, in UTF-16 code units
 * @param maxKeyLength longest object key, in UTF-16 code units
 * @param maxTotalChars most characters of strings and keys together
 * @param isStored whether the value is stored, so strings and keys must be valid Unicode
 */
public record JsonRules(
    int maxDepth,
    int maxValues,
    int maxStringLength,
    int maxKeyLength,
    int maxTotalChars,
    boolean isStored) {

  /**
   * Values in definitions and overrides (payloads, flag values, conditions): stored, so their
   * strings and keys must also be valid Unicode.
   */
  public static final JsonRules DEFINITION =
      new JsonRules(32, 10_000, 65_536, 256, 1_048_576, true);

  /**
   * A unit's attributes in an evaluation request: never stored, so any UTF-16 string is accepted,
   * as JavaScript accepts it.
   */
  public static final JsonRules ATTRIBUTES = new JsonRules(32, 10_000, 8_192, 256, 262_144, false);

  /**
   * Records at most one violation, for {@code field}, naming the first rule {@code value} breaks
   * and where ({@code at $.a[3].b}).
   */
  public void check(Violations v, @Nullable Object value, String field) {
    String problem = firstProblem(value);
    if (problem != null) {
      v.add(field, problem);
    }
  }

  /**
   * A value to visit and where it is: its parent and its key (a String) or index (an Integer). The
   * path text is built only for a violation.
   */
  private record Node(@Nullable Object value, @Nullable Node parent, Object segment, int depth) {
    String path() {
      StringBuilder path = new StringBuilder();
      for (Node n = this; n.parent() != null; n = n.parent()) {
        path.insert(
            0, n.segment() instanceof String key ? keySegment(key) : "[" + n.segment() + "]");
      }
      return path.insert(0, '$').toString();
    }
  }

  /** The first broken rule, or null; walks iteratively so any depth is safe. */
  private @Nullable String firstProblem(@Nullable Object root) {
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(new Node(root, null, "", 0));
    long values = 0;
    long chars = 0;
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (++values > maxValues) {
        return "has more than " + maxValues + " values";
      }
      Object value = node.value();
      if (value instanceof Number number) {
        if (!Double.isFinite(number.doubleValue())) {
          return "number at " + node.path() + " is not finite (NaN and infinity are not JSON)";
        }
      } else if (value instanceof String string) {
        if (string.length() > maxStringLength) {
          return "string at "
              + node.path()
              + " is longer than "
              + maxStringLength
              + " characters ("
              + string.length()
              + ")";
        }
        if (isStored && !Limits.isUnicode(string)) {
          return "string at " + node.path() + " is not valid Unicode (unpaired surrogate)";
        }
        chars += string.length();
      } else if (value instanceof Map<?, ?> map) {
        if (node.depth() >= maxDepth) {
          return "nests deeper than " + maxDepth + " levels at " + node.path();
        }
        for (Map.Entry<?, ?> member : map.entrySet()) {
          String key = String.valueOf(member.getKey());
          if (key.length() > maxKeyLength) {
            return "a key at " + node.path() + " is longer than " + maxKeyLength + " characters";
          }
          if (isStored && !Limits.isUnicode(key)) {
            return "a key at " + node.path() + " is not valid Unicode (unpaired surrogate)";
          }
          chars += key.length();
          pending.push(new Node(member.getValue(), node, key, node.depth() + 1));
        }
      } else if (value instanceof List<?> list) {
        if (node.depth() >= maxDepth) {
          return "nests deeper than " + maxDepth + " levels at " + node.path();
        }
        for (int i = list.size() - 1; i >= 0; i--) {
          pending.push(new Node(list.get(i), node, i, node.depth() + 1));
        }
      }
      if (chars > maxTotalChars) {
        return "has more than " + maxTotalChars + " characters of strings and keys";
      }
    }
    return null;
  }

  /** A path segment that never echoes a long or odd key. */
  private static String keySegment(String key) {
    boolean plain = key.length() <= 64 && key.chars().allMatch(JsonRules::isPlain);
    return plain ? "." + key : "[…]";
  }

  private static boolean isPlain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '$'
        || c == '-';
  }
}
