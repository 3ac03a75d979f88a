package dev.assay.cli.audit;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.ProtoJson;
import dev.assay.security.v1.AuditServiceGrpc;
import dev.assay.security.v1.ExportAuditEventsRequest;
import dev.assay.security.v1.ExportAuditEventsResponse;
import java.io.PrintWriter;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code assay audit export}: every matching event as JSON Lines, oldest first, written as it
 * arrives so an export of any size runs in constant memory.
 */
@Command(
    name = "export",
    description = {
      "Streams every matching audit event to standard output, one JSON object per line (JSON"
          + " Lines, proto field names), oldest first: assay audit export --since 30d > audit.jsonl",
    })
final class ExportAuditCommand extends AssaySubcommand {
  @Mixin private AuditFilterOptions filter = new AuditFilterOptions();

  @Override
  public Integer call() {
    ExportAuditEventsRequest request =
        ExportAuditEventsRequest.newBuilder().setFilter(filter.toFilter(top().clock())).build();
    long count = 0;
    PrintWriter out = out();
    try (Connection connection = connect()) {
      Iterator<ExportAuditEventsResponse> events =
          connection.stream(AuditServiceGrpc.newBlockingStub(connection.channel()))
              .exportAuditEvents(request);
      while (events.hasNext()) {
        out.println(ProtoJson.line(events.next().getEvent()));
        count++;
      }
    } finally {
      out.flush();
    }
    err().println("exported " + count + " events");
    err().flush();
    return AssayCommand.OK;
  }
}
