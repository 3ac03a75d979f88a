package dev.assay.runtime.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * What write handlers call once a write is acknowledged: records who (from the call's {@link
 * RequestContext}), when, which resource, before and after, and why. Appending never fails the
 * write it describes (the write is done by then): if the log cannot be reached the entry waits in a
 * bounded queue, kept in order, and {@link #flushPending} (run every second) appends it later.
 */
public final class AuditTrail {
  /** Entries waiting for an unreachable log, at most; beyond it they are dropped and counted. */
  static final int MAX_PENDING = 10_000;

  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

  private final AuditLog log;
  private final String service;
  private final Clock clock;
  private final Deque<AuditEntry> pending = new ArrayDeque<>();
  private long dropped;

  public AuditTrail(AuditLog log, String service, Clock clock) {
    this.log = log;
    this.service = service;
    this.clock = clock;
  }

  /** The log the trail writes to (read by the audit service). */
  public AuditLog log() {
    return log;
  }

  /**
   * Records a write by the current call's caller.
   *
   * @param before the resource before the write; null for a creation
   * @param after the resource after the write; null for a deletion
   */
  public void record(
      String resourceType,
      String resourceId,
      @Nullable MessageOrBuilder before,
      @Nullable MessageOrBuilder after) {
    RequestContext context = RequestContext.current();
    record(
        context.caller(),
        context.method(),
        context.reason(),
        resourceType,
        resourceId,
        before,
        after);
  }

  /** Records a write by {@code caller} outside a call (a seeder, the monitor). */
  public void record(
      Caller caller,
      String method,
      String reason,
      String resourceType,
      String resourceId,
      @Nullable MessageOrBuilder before,
      @Nullable MessageOrBuilder after) {
    AuditEntry entry =
        new AuditEntry(
            "",
            clock.instant(),
            caller.actor(),
            service,
            method,
            resourceType,
            resourceId,
            before == null ? null : json(before),
            after == null ? null : json(after),
            reason);
    synchronized (this) {
      if (pending.isEmpty() && tryAppend(entry)) {
        return;
      }
      if (pending.size() >= MAX_PENDING) {
        dropped++;
        EventLog.error(
            "audit.dropped",
            "resource_type",
            resourceType,
            "resource_id",
            resourceId,
            "dropped",
            dropped);
        return;
      }
      pending.addLast(entry);
    }
  }

  /** Appends what waited for the log, in order, until it fails again. */
  public synchronized void flushPending() {
    while (!pending.isEmpty()) {
      if (!tryAppend(pending.peekFirst())) {
        return;
      }
      pending.removeFirst();
    }
  }

  /** How many entries wait for the log. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  private boolean tryAppend(AuditEntry entry) {
    try {
      log.append(entry);
      return true;
    } catch (UnavailableException e) {
      if (pending.isEmpty()) {
        EventLog.warn("audit.deferred", "reason", "audit log unreachable", "retry", "every 1s");
      }
      return false;
    }
  }

  private static String json(MessageOrBuilder message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored resource always prints as JSON", e);
    }
  }
}
