package dev.assay.runtime.resources;

import dev.assay.runtime.errors.Violations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a key-ordered listing (AIP-158); the page token is the opaque last key of the
 * previous page, so a token stays valid while resources are added.
 *
 * @param items the page
 * @param nextPageToken empty on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {
  /** Default page size when the caller sends 0. */
  public static final int DEFAULT_SIZE = 100;

  /** Largest page size. */
  public static final int MAX_SIZE = 1000;

  /** Characters of a page token (the tokens Assay hands out are far shorter). */
  public static final int MAX_TOKEN_CHARS = 1024;

  /**
   * The page after {@code pageToken} of {@code sorted} (sorted by {@code keyOf}).
   *
   * @throws dev.assay.runtime.errors.ValidationException naming {@code page_size} out of [0, 1000]
   *     or a {@code page_token} that no previous page returned
   */
  public static <T> Page<T> of(
      List<T> sorted, Function<T, String> keyOf, int pageSize, String pageToken) {
    Optional<String> after =
        pageToken.length() > MAX_TOKEN_CHARS ? Optional.empty() : decode(pageToken);
    new Violations()
        .check(
            pageSize < 0 || pageSize > MAX_SIZE,
            "page_size",
            "must be in [0, " + MAX_SIZE + "], got " + pageSize)
        .check(
            !pageToken.isEmpty() && after.isEmpty(),
            "page_token",
            "is not a token from a previous page")
        .throwIfAny();
    int size = pageSize == 0 ? DEFAULT_SIZE : pageSize;
    int from = 0;
    if (after.isPresent()) {
      while (from < sorted.size() && keyOf.apply(sorted.get(from)).compareTo(after.get()) <= 0) {
        from++;
      }
    }
    int to = Math.min(sorted.size(), from + size);
    List<T> items = List.copyOf(sorted.subList(from, to));
    String next = to < sorted.size() ? encode(keyOf.apply(sorted.get(to - 1))) : "";
    return new Page<>(items, next);
  }

  /** The same page with each item translated by {@code translate} (domain to contract, say). */
  public <R> Page<R> map(Function<T, R> translate) {
    return new Page<>(items.stream().map(translate).toList(), nextPageToken);
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("k:" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The last key of the previous page, or empty for the first page or a token that is not one. */
  private static Optional<String> decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return text.startsWith("k:") ? Optional.of(text.substring(2)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
