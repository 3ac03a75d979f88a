package dev.assay.runtime.audit;

import java.util.function.Consumer;

/**
 * The append-only store of audit entries: Redis (shared by every service on the same Redis and key
 * prefix) or memory. Nothing can change or remove an entry once appended.
 */
public interface AuditLog extends AutoCloseable {
  /**
   * Appends one entry and returns it with its id.
   *
   * @throws dev.assay.runtime.errors.UnavailableException if the store cannot be reached
   */
  AuditEntry append(AuditEntry entry);

  /**
   * A page of matching entries, newest first, starting after {@code pageToken} (empty: the newest).
   * A page may hold fewer than {@code pageSize} entries when a filter skips many; only an empty
   * next-page token means the end.
   *
   * @throws IllegalArgumentException if the page token is not one this log issued
   */
  AuditPage list(AuditQuery query, int pageSize, String pageToken);

  /**
   * Matching entries oldest first, after {@code pageToken} (empty: from the oldest), examining a
   * bounded number of entries per call; an empty next-page token means the end.
   *
   * @throws IllegalArgumentException if the page token is not one this log issued
   */
  AuditPage exportPage(AuditQuery query, int pageSize, String pageToken);

  /** Every matching entry, oldest first. */
  default void export(AuditQuery query, Consumer<AuditEntry> sink) {
    String token = "";
    do {
      AuditPage page = exportPage(query, 500, token);
      page.entries().forEach(sink);
      token = page.nextPageToken();
    } while (!token.isEmpty());
  }

  @Override
  void close();
}
