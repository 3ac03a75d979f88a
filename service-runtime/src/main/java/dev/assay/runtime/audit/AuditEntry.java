package dev.assay.runtime.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One write in the audit trail. Resources are kept as their proto3 JSON text, the form every client
 * can read.
 *
 * @param id time-ordered id, {@code <milliseconds>-<sequence>}; empty until appended
 * @param time when the write was acknowledged
 * @param actor who wrote (see {@link dev.assay.runtime.security.Caller#actor})
 * @param service the service that served the write
 * @param method the full gRPC method
 * @param resourceType what kind of thing changed
 * @param resourceId which one
 * @param beforeJson the resource before the write; null for a creation
 * @param afterJson the resource after the write; null for a deletion
 * @param reason the caller's reason, possibly empty
 */
public record AuditEntry(
    String id,
    Instant time,
    String actor,
    String service,
    String method,
    String resourceType,
    String resourceId,
    @Nullable String beforeJson,
    @Nullable String afterJson,
    String reason) {

  /** The same entry under the id the log gave it. */
  public AuditEntry withId(String newId) {
    return new AuditEntry(
        newId,
        time,
        actor,
        service,
        method,
        resourceType,
        resourceId,
        beforeJson,
        afterJson,
        reason);
  }

  /** The milliseconds part of the id (its time in the log's order). */
  public static long idMillis(String id) {
    int dash = id.indexOf('-');
    return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
  }
}
