package dev.assay.analysis.experiments;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.FieldMask;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.errors.UnavailableException;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Experiments read from the assignment service's public {@code DefinitionService} over a {@link
 * PeerChannel}. Definitions are cached briefly so results do not depend on assignment being up:
 * when it cannot be reached, the last definition seen is used (with a note), and without one the
 * results come from the aggregates alone.
 */
public final class AssignmentDirectory implements ExperimentDirectory {
  /** How long a definition is trusted before it is asked for again. */
  public static final Duration FRESH_FOR = Duration.ofSeconds(10);

  static final Metadata.Key<String> AUDIT_REASON =
      Metadata.Key.of("assay-audit-reason", Metadata.ASCII_STRING_MARSHALLER);

  private static final int MAX_CACHED = 10_000;
  private static final int PAGE_SIZE = 1_000;
  private static final int MAX_PAGES = 1_000;
  private static final int MAX_REASON_CHARS = 500;
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  private final PeerChannel peer;
  private final Cache<String, Optional<ExperimentDefinition>> fresh;
  private final Cache<String, ExperimentDefinition> lastKnown;

  /** Reads through {@code peer}; {@code clock} times the cache. */
  public AssignmentDirectory(PeerChannel peer, Clock clock) {
    this.peer = peer;
    Ticker ticker = () -> nanos(clock.instant());
    this.fresh =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(FRESH_FOR)
            .maximumSize(MAX_CACHED)
            .build();
    this.lastKnown = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
  }

  @Override
  public DefinitionLookup lookup(String experimentKey) {
    Optional<ExperimentDefinition> cached = fresh.getIfPresent(experimentKey);
    if (cached != null) {
      return DefinitionLookup.of(cached);
    }
    try {
      Experiment experiment =
          stub()
              .getExperiment(GetExperimentRequest.newBuilder().setKey(experimentKey).build())
              .getExperiment();
      ExperimentDefinition definition = DefinitionMapper.toDefinition(experiment);
      remember(definition);
      return DefinitionLookup.of(Optional.of(definition));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        fresh.put(experimentKey, Optional.empty());
        lastKnown.invalidate(experimentKey);
        return DefinitionLookup.of(Optional.empty());
      }
      ExperimentDefinition stale = lastKnown.getIfPresent(experimentKey);
      String failure = "the assignment service did not answer (" + e.getStatus().getCode() + ")";
      if (stale != null) {
        return new DefinitionLookup(
            Optional.of(stale),
            Optional.of(failure + ": using the definition last read, version " + stale.version()));
      }
      return new DefinitionLookup(
          Optional.empty(),
          Optional.of(
              failure
                  + " and no definition is cached: variation keys come from exposures and there is"
                  + " no analysis plan"));
    }
  }

  @Override
  public List<ExperimentDefinition> listRunning() {
    List<ExperimentDefinition> running = new ArrayList<>();
    String token = "";
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        ListExperimentsResponse response =
            stub()
                .listExperiments(
                    ListExperimentsRequest.newBuilder()
                        .setPageSize(PAGE_SIZE)
                        .setPageToken(token)
                        .build());
        for (Experiment experiment : response.getExperimentsList()) {
          ExperimentDefinition definition = DefinitionMapper.toDefinition(experiment);
          remember(definition);
          if (definition.isRunning()) {
            running.add(definition);
          }
        }
        token = response.getNextPageToken();
        if (token.isEmpty()) {
          break;
        }
      }
    } catch (StatusRuntimeException e) {
      throw new UnavailableException(
          "assignment service at " + peer.target() + ": " + e.getStatus().getCode(), e);
    }
    return running;
  }

  @Override
  public void stop(
      String experimentKey, long expectedVersion, OptionalInt rolledOutVariation, String reason) {
    Experiment.Builder experiment =
        Experiment.newBuilder()
            .setKey(experimentKey)
            .setStatus(ExperimentStatus.EXPERIMENT_STATUS_STOPPED);
    rolledOutVariation.ifPresent(experiment::setRolledOutVariation);
    Metadata headers = new Metadata();
    headers.put(AUDIT_REASON, asciiReason(reason));
    try {
      stub()
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .updateExperiment(
              UpdateExperimentRequest.newBuilder()
                  .setExperiment(experiment)
                  .setUpdateMask(
                      FieldMask.newBuilder().addPaths("status").addPaths("rolled_out_variation"))
                  .setExpectedVersion(expectedVersion)
                  .build());
      fresh.invalidate(experimentKey);
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      throw new StopFailedException(
          "assignment service: "
              + e.getStatus().getCode()
              + (description == null ? "" : ": " + description),
          e);
    }
  }

  private void remember(ExperimentDefinition definition) {
    fresh.put(definition.key(), Optional.of(definition));
    lastKnown.put(definition.key(), definition);
  }

  private DefinitionServiceGrpc.DefinitionServiceBlockingStub stub() {
    DefinitionServiceGrpc.DefinitionServiceBlockingStub stub =
        DefinitionServiceGrpc.newBlockingStub(peer.channel())
            .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    CallCredentials credentials = peer.credentials();
    return credentials == null ? stub : stub.withCallCredentials(credentials);
  }

  /** Metadata is ASCII: anything else becomes '?'; long evidence is cut. */
  static String asciiReason(String reason) {
    StringBuilder ascii = new StringBuilder(Math.min(reason.length(), MAX_REASON_CHARS));
    for (int i = 0; i < reason.length() && ascii.length() < MAX_REASON_CHARS; i++) {
      char c = reason.charAt(i);
      ascii.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return ascii.toString();
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
