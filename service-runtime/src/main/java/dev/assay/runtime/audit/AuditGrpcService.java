package dev.assay.runtime.audit;

import static dev.assay.runtime.proto.ProtoTime.timestamp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.security.RequestContext;
import dev.assay.security.v1.AuditEvent;
import dev.assay.security.v1.AuditFilter;
import dev.assay.security.v1.AuditServiceGrpc;
import dev.assay.security.v1.ExportAuditEventsRequest;
import dev.assay.security.v1.ExportAuditEventsResponse;
import dev.assay.security.v1.ListAuditEventsRequest;
import dev.assay.security.v1.ListAuditEventsResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The gRPC adapter of the audit trail: list with filters and pages, or export as a stream. */
public final class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;
  private static final int MAX_FILTER_CHARS = 512;

  private final AuditLog log;

  public AuditGrpcService(AuditLog log) {
    this.log = log;
  }

  @Override
  public void listAuditEvents(
      ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> responses) {
    Violations violations = new Violations();
    violations.check(
        request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE_SIZE,
        "page_size",
        "must be 0-" + MAX_PAGE_SIZE + " (0 means " + DEFAULT_PAGE_SIZE + ")");
    AuditQuery query = query(request.getFilter(), violations);
    if (!request.getPageToken().isEmpty()) {
      try {
        StreamId.parse(request.getPageToken());
      } catch (IllegalArgumentException e) {
        violations.add("page_token", "not a page token this service issued");
      }
    }
    violations.throwIfAny();
    int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
    AuditPage page = log.list(query, pageSize, request.getPageToken());
    ListAuditEventsResponse.Builder response =
        ListAuditEventsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.entries().forEach(e -> response.addEvents(toProto(e)));
    responses.onNext(response.build());
    responses.onCompleted();
  }

  @Override
  public void exportAuditEvents(
      ExportAuditEventsRequest request, StreamObserver<ExportAuditEventsResponse> responses) {
    Violations violations = new Violations();
    AuditQuery query = query(request.getFilter(), violations);
    violations.throwIfAny();
    ServerCallStreamObserver<ExportAuditEventsResponse> stream =
        (ServerCallStreamObserver<ExportAuditEventsResponse>) responses;
    ExportPump pump = new ExportPump(log, query, stream);
    stream.setOnReadyHandler(pump::pump);
    pump.pump();
  }

  private static AuditQuery query(AuditFilter filter, Violations violations) {
    checkLength(violations, "filter.actor", filter.getActor());
    checkLength(violations, "filter.service", filter.getService());
    checkLength(violations, "filter.resource_type", filter.getResourceType());
    checkLength(violations, "filter.resource_id", filter.getResourceId());
    Instant start =
        time(violations, "filter.start_time", filter.hasStartTime(), filter.getStartTime());
    Instant end = time(violations, "filter.end_time", filter.hasEndTime(), filter.getEndTime());
    return new AuditQuery(
        filter.getActor(),
        filter.getService(),
        filter.getResourceType(),
        filter.getResourceId(),
        start,
        end,
        RequestContext.currentCaller());
  }

  private static void checkLength(Violations violations, String field, String value) {
    violations.check(
        value.length() > MAX_FILTER_CHARS, field, "must be at most " + MAX_FILTER_CHARS + " chars");
  }

  private static @Nullable Instant time(
      Violations violations, String field, boolean isSet, Timestamp value) {
    if (!isSet) {
      return null;
    }
    if (!Timestamps.isValid(value)) {
      violations.add(field, "must be a valid timestamp (0001-01-01 to 9999-12-31)");
      return null;
    }
    return Instant.ofEpochSecond(value.getSeconds(), value.getNanos());
  }

  static AuditEvent toProto(AuditEntry entry) {
    AuditEvent.Builder event =
        AuditEvent.newBuilder()
            .setId(entry.id())
            .setTime(timestamp(entry.time()))
            .setActor(entry.actor())
            .setService(entry.service())
            .setMethod(entry.method())
            .setResourceType(entry.resourceType())
            .setResourceId(entry.resourceId())
            .setReason(entry.reason());
    if (entry.beforeJson() != null) {
      event.setBefore(struct(entry.beforeJson()));
    }
    if (entry.afterJson() != null) {
      event.setAfter(struct(entry.afterJson()));
    }
    return event.build();
  }

  private static Struct struct(String json) {
    Struct.Builder struct = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, struct);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an audit entry always holds a JSON object", e);
    }
    return struct.build();
  }
}
