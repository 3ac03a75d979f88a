package dev.assay.runtime.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default: entries in this process, lost on exit. Ids follow Redis stream ids ({@code
 * <milliseconds>-<sequence>}, strictly increasing), so pagination reads the same on both stores.
 */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();
  private long lastMillis = -1;
  private long sequence;

  @Override
  public synchronized AuditEntry append(AuditEntry entry) {
    long millis = Math.max(entry.time().toEpochMilli(), lastMillis);
    sequence = millis == lastMillis ? sequence + 1 : 0;
    lastMillis = millis;
    AuditEntry stored = entry.withId(millis + "-" + sequence);
    entries.add(stored);
    return stored;
  }

  @Override
  public synchronized AuditPage list(AuditQuery query, int pageSize, String pageToken) {
    int start = entries.size() - 1;
    if (!pageToken.isEmpty()) {
      StreamId after = StreamId.parse(pageToken);
      while (start >= 0 && StreamId.parse(entries.get(start).id()).compareTo(after) >= 0) {
        start--;
      }
    }
    List<AuditEntry> page = new ArrayList<>();
    int i = start;
    for (; i >= 0 && page.size() < pageSize; i--) {
      if (query.matches(entries.get(i))) {
        page.add(entries.get(i));
      }
    }
    boolean more = i >= 0 && !page.isEmpty();
    return new AuditPage(page, more ? page.get(page.size() - 1).id() : "");
  }

  @Override
  public synchronized AuditPage exportPage(AuditQuery query, int pageSize, String pageToken) {
    int start = 0;
    if (!pageToken.isEmpty()) {
      StreamId after = StreamId.parse(pageToken);
      while (start < entries.size()
          && StreamId.parse(entries.get(start).id()).compareTo(after) <= 0) {
        start++;
      }
    }
    List<AuditEntry> page = new ArrayList<>();
    int i = start;
    for (; i < entries.size() && page.size() < pageSize; i++) {
      if (query.matches(entries.get(i))) {
        page.add(entries.get(i));
      }
    }
    boolean more = i < entries.size() && !page.isEmpty();
    return new AuditPage(page, more ? page.get(page.size() - 1).id() : "");
  }

  @Override
  public void close() {}
}
