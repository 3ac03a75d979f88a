package dev.assay.assignment.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a key-ordered listing; the page token is the opaque last key of the previous page.
 *
 * @param items the page
 * @param nextPageToken empty on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {
  /** Default page size when the caller sends 0. */
  public static final int DEFAULT_SIZE = 100;

  /** Largest page size. */
  public static final int MAX_SIZE = 1000;

  /** The page after {@code pageToken} of {@code sorted} (sorted by {@code keyOf}). */
  public static <T> Page<T> of(
      List<T> sorted, Function<T, String> keyOf, int pageSize, String pageToken) {
    int size = pageSize == 0 ? DEFAULT_SIZE : pageSize;
    String after = pageToken.isEmpty() ? null : decode(pageToken);
    int from = 0;
    if (after != null) {
      while (from < sorted.size() && keyOf.apply(sorted.get(from)).compareTo(after) <= 0) {
        from++;
      }
    }
    int to = Math.min(sorted.size(), from + size);
    List<T> items = List.copyOf(sorted.subList(from, to));
    String next = to < sorted.size() ? encode(keyOf.apply(sorted.get(to - 1))) : "";
    return new Page<>(items, next);
  }

  /** Whether {@code token} could have come from a previous page. */
  public static boolean isValidToken(String token) {
    if (token.isEmpty()) {
      return true;
    }
    try {
      decode(token);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("k:" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    if (!text.startsWith("k:")) {
      throw new IllegalArgumentException("not a page token");
    }
    return text.substring(2);
  }
}
