package dev.assay.runtime.audit;

import dev.assay.runtime.security.Caller;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit entries to read; empty strings and null times match everything.
 *
 * @param actor exact actor
 * @param service exact service
 * @param resourceType exact resource type
 * @param resourceId exact resource id
 * @param startTime entries at or after
 * @param endTime entries before
 * @param viewer who asks: a caller limited to projects sees only entries about keys within them
 */
public record AuditQuery(
    String actor,
    String service,
    String resourceType,
    String resourceId,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    Caller viewer) {
  /** Every entry. */
  public static final AuditQuery ALL = new AuditQuery("", "", "", "", null, null, Caller.ANONYMOUS);

  /** Whether {@code entry} matches. */
  public boolean matches(AuditEntry entry) {
    return (actor.isEmpty() || actor.equals(entry.actor()))
        && (service.isEmpty() || service.equals(entry.service()))
        && (resourceType.isEmpty() || resourceType.equals(entry.resourceType()))
        && (resourceId.isEmpty() || resourceId.equals(entry.resourceId()))
        && (startTime == null || !entry.time().isBefore(startTime))
        && (endTime == null || entry.time().isBefore(endTime))
        && isVisible(entry);
  }

  /**
   * Overrides are recorded as {@code <experiment|flag>/<key>/<unit id>}, so their key is the middle
   * part; token entries name no project key and are shown only to unrestricted callers.
   */
  private boolean isVisible(AuditEntry entry) {
    if (viewer.projects().isEmpty()) {
      return true;
    }
    String id = entry.resourceId();
    return switch (entry.resourceType()) {
      case "token" -> false;
      case "override" -> {
        int first = id.indexOf('/');
        int second = first < 0 ? -1 : id.indexOf('/', first + 1);
        yield second > first && viewer.mayAccess(id.substring(first + 1, second));
      }
      default -> viewer.mayAccess(id);
    };
  }
}
