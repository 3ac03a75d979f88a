package dev.assay.runtime.audit;

import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.security.v1.ExportAuditEventsResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sends an export only as fast as the client reads: each time the stream is ready it reads the next
 * page from the log and sends until the stream's buffer is full, so a large export never piles up
 * in memory and never holds a thread while waiting.
 */
final class ExportPump {
  private static final int PAGE_SIZE = 200;

  private final AuditLog log;
  private final AuditQuery query;
  private final ServerCallStreamObserver<ExportAuditEventsResponse> stream;
  private final Deque<AuditEntry> buffered = new ArrayDeque<>();
  private String position = "";
  private boolean exhausted;
  private boolean finished;

  ExportPump(
      AuditLog log, AuditQuery query, ServerCallStreamObserver<ExportAuditEventsResponse> stream) {
    this.log = log;
    this.query = query;
    this.stream = stream;
  }

  /** Sends what the stream can take now; ends the stream after the last entry. */
  synchronized void pump() {
    try {
      while (!finished && !stream.isCancelled() && stream.isReady()) {
        if (buffered.isEmpty() && !exhausted) {
          AuditPage page = log.exportPage(query, PAGE_SIZE, position);
          buffered.addAll(page.entries());
          position = page.nextPageToken();
          exhausted = position.isEmpty();
        }
        AuditEntry next = buffered.pollFirst();
        if (next == null) {
          finished = true;
          stream.onCompleted();
          return;
        }
        stream.onNext(
            ExportAuditEventsResponse.newBuilder()
                .setEvent(AuditGrpcService.toProto(next))
                .build());
      }
    } catch (RuntimeException e) {
      finished = true;
      stream.onError(GrpcErrors.toStatusException(e));
    }
  }
}
