package dev.assay.runtime.audit;

import java.util.List;

/**
 * One page of audit entries, newest first.
 *
 * @param entries the entries
 * @param nextPageToken where the next (older) page starts; empty on the last
 */
public record AuditPage(List<AuditEntry> entries, String nextPageToken) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
