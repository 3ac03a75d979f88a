package dev.assay.cli.experiments;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.cli.connection.Connection;

/** Every experiment of the assignment service, read page by page. */
public final class ExperimentListing {
  private static final int PAGE_SIZE = 1000;

  private ExperimentListing() {}

  /** Every experiment (archived ones too if {@code archived}), following the page tokens. */
  public static ListExperimentsResponse all(Connection connection, boolean archived) {
    ListExperimentsResponse.Builder everything = ListExperimentsResponse.newBuilder();
    DefinitionServiceGrpc.DefinitionServiceBlockingStub stub =
        connection.read(DefinitionServiceGrpc.newBlockingStub(connection.channel()));
    String pageToken = "";
    do {
      ListExperimentsResponse page =
          stub.listExperiments(
              ListExperimentsRequest.newBuilder()
                  .setPageSize(PAGE_SIZE)
                  .setPageToken(pageToken)
                  .setShowArchived(archived)
                  .build());
      everything.addAllExperiments(page.getExperimentsList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return everything.build();
  }
}
