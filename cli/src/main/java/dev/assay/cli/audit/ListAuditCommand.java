package dev.assay.cli.audit;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.security.v1.AuditEvent;
import dev.assay.security.v1.AuditFilter;
import dev.assay.security.v1.AuditServiceGrpc;
import dev.assay.security.v1.ListAuditEventsRequest;
import dev.assay.security.v1.ListAuditEventsResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code assay audit list}: the newest events, following pages up to {@code --limit}. */
@Command(name = "list", description = "Lists audit events, newest first.")
final class ListAuditCommand extends AssaySubcommand {
  private static final int MAX_PAGE_SIZE = 1000;
  private static final int MAX_LIMIT = 1_000_000;

  @Mixin private AuditFilterOptions filter = new AuditFilterOptions();

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "At most this many events, 1-1,000,000 (pages followed). Default: ${DEFAULT-VALUE}.")
  private int limit = 100;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ParameterException(
          spec().commandLine(), "--limit: must be 1-" + MAX_LIMIT + ", got " + limit);
    }
    AuditFilter query = filter.toFilter(top().clock());
    ListAuditEventsResponse.Builder everything = ListAuditEventsResponse.newBuilder();
    try (Connection connection = connect()) {
      String pageToken = "";
      do {
        int pageSize = Math.min(MAX_PAGE_SIZE, limit - everything.getEventsCount());
        ListAuditEventsResponse page =
            connection
                .read(AuditServiceGrpc.newBlockingStub(connection.channel()))
                .listAuditEvents(
                    ListAuditEventsRequest.newBuilder()
                        .setFilter(query)
                        .setPageSize(pageSize)
                        .setPageToken(pageToken)
                        .build());
        page.getEventsList().stream()
            .limit(limit - everything.getEventsCount())
            .forEach(everything::addEvents);
        pageToken = page.getNextPageToken();
      } while (!pageToken.isEmpty() && everything.getEventsCount() < limit);
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      TextTable table = new TextTable("TIME", "ACTOR", "SERVICE", "METHOD", "RESOURCE", "REASON");
      for (AuditEvent event : everything.getEventsList()) {
        table.add(
            Instant.ofEpochSecond(event.getTime().getSeconds(), event.getTime().getNanos())
                .truncatedTo(ChronoUnit.SECONDS)
                .toString(),
            event.getActor(),
            event.getService(),
            // The method without its package: "TokenService/CreateToken" reads well enough.
            event.getMethod().substring(event.getMethod().lastIndexOf('.') + 1),
            event.getResourceType() + "/" + event.getResourceId(),
            event.getReason());
      }
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
