package dev.assay.cli.audit;

import com.google.protobuf.Timestamp;
import dev.assay.cli.time.PointInTime;
import dev.assay.cli.time.PointInTimeConverter;
import dev.assay.security.v1.AuditFilter;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which audit events a command reads; every filter given must match (a picocli mixin). */
public final class AuditFilterOptions {
  @Option(
      names = "--actor",
      paramLabel = "ACTOR",
      description = "Exact actor, e.g. token:0f3a9c2b7d4e5f61.")
  private String actor = "";

  @Option(
      names = "--service",
      paramLabel = "SERVICE",
      description = "Exact service: assignment, bandit or analysis.")
  private String service = "";

  @Option(
      names = "--resource-type",
      paramLabel = "TYPE",
      description = "Exact resource type: experiment, flag, override, bandit or token.")
  private String resourceType = "";

  @Option(
      names = "--resource-id",
      paramLabel = "ID",
      description = "Exact resource id, e.g. an experiment key or a token id.")
  private String resourceId = "";

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = PointInTimeConverter.class,
      description = "Events at or after this RFC 3339 time, or this long ago (24h, 7d).")
  private @Nullable PointInTime since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = PointInTimeConverter.class,
      description = "Events before this RFC 3339 time, or this long ago.")
  private @Nullable PointInTime until;

  /** The filter, relative times resolved at {@code clock}'s now. */
  public AuditFilter toFilter(Clock clock) {
    AuditFilter.Builder filter =
        AuditFilter.newBuilder()
            .setActor(actor)
            .setService(service)
            .setResourceType(resourceType)
            .setResourceId(resourceId);
    if (since != null) {
      filter.setStartTime(timestamp(since.resolve(clock)));
    }
    if (until != null) {
      filter.setEndTime(timestamp(until.resolve(clock)));
    }
    return filter.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
