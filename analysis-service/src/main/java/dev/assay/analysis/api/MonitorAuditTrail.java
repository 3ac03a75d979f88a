package dev.assay.analysis.api;

import dev.assay.analysis.monitor.MonitorAction;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.security.Caller;
import java.util.function.Consumer;

/**
 * Records every monitor action in the audit trail, by actor {@code system:monitor}, with the
 * evidence as the reason and the action as the resource written.
 */
public final class MonitorAuditTrail implements Consumer<MonitorAction> {
  /** The audit trail's resource type of monitor actions. */
  public static final String RESOURCE_TYPE = "monitor_action";

  private static final Caller MONITOR = Caller.system("monitor");

  private final AuditTrail trail;

  /** Writes to {@code trail}. */
  public MonitorAuditTrail(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void accept(MonitorAction action) {
    trail.record(
        MONITOR,
        "monitor/" + action.kind().name().toLowerCase(java.util.Locale.ROOT),
        action.reason(),
        RESOURCE_TYPE,
        action.experimentKey(),
        null,
        MonitorProtos.toProto(action));
  }
}
