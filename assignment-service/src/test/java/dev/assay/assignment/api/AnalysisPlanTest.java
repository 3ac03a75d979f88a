package dev.assay.assignment.api;

import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.FieldMask;
import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.seeding.DefinitionsFile;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.support.Protos;
import dev.assay.assignment.v1.AnalysisPlan;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.MonitorPolicy;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An experiment's analysis plan: validated with the experiment, stored, updated by field mask,
 * returned by Get and List, and kept by the Redis store and the definitions file.
 */
class AnalysisPlanTest {
  private static final AnalysisPlan PLAN =
      AnalysisPlan.newBuilder()
          .setPrimaryMetric("checkout.conversion")
          .addGuardrailMetrics("latency_p50")
          .addGuardrailMetrics("errors")
          .addSecondaryMetrics("revenue")
          .setPlannedUnits(40_000)
          .setAlpha(0.01)
          .setMonitor(
              MonitorPolicy.newBuilder()
                  .setStopOnGuardrailBreach(true)
                  .setStopOnSuccess(true)
                  .setRollOutWinner(true)
                  .setAlertOnSampleRatioMismatch(true))
          .build();

  @TempDir Path dir;

  private static Experiment create(AssignmentReplica replica, Experiment.Builder experiment) {
    return replica
        .definitions
        .createExperiment(CreateExperimentRequest.newBuilder().setExperiment(experiment).build())
        .getExperiment();
  }

  private static Experiment get(AssignmentReplica replica, String key) {
    return replica
        .definitions
        .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build())
        .getExperiment();
  }

  @Test
  void aPlanIsStoredAndReturnedByGetAndList() {
    try (AssignmentReplica replica = new AssignmentReplica(new InMemoryAssignmentStore())) {
      Experiment created = create(replica, Protos.running("checkout", 0.5, 0.5).setAnalysis(PLAN));

      assertEquals(PLAN, created.getAnalysis());
      assertEquals(PLAN, get(replica, "checkout").getAnalysis());
      assertEquals(
          PLAN,
          replica
              .definitions
              .listExperiments(ListExperimentsRequest.getDefaultInstance())
              .getExperiments(0)
              .getAnalysis());
    }
  }

  @Test
  void anExperimentWithoutAPlanHasNone() {
    try (AssignmentReplica replica = new AssignmentReplica(new InMemoryAssignmentStore())) {
      assertFalse(create(replica, Protos.running("plain", 0.5, 0.5)).hasAnalysis());
    }
  }

  @Test
  void theMaskUpdatesThePlanWholeOrOneOfItsFields() {
    try (AssignmentReplica replica = new AssignmentReplica(new InMemoryAssignmentStore())) {
      create(replica, Protos.running("checkout", 0.5, 0.5).setAnalysis(PLAN));

      Experiment alphaOnly =
          update(
              replica,
              Experiment.newBuilder()
                  .setKey("checkout")
                  .setAnalysis(AnalysisPlan.newBuilder().setAlpha(0.1).setPrimaryMetric("x"))
                  .build(),
              "analysis.alpha");
      assertEquals(PLAN.toBuilder().setAlpha(0.1).build(), alphaOnly.getAnalysis());

      Experiment replaced =
          update(
              replica,
              Experiment.newBuilder()
                  .setKey("checkout")
                  .setAnalysis(AnalysisPlan.newBuilder().setPrimaryMetric("signups"))
                  .build(),
              "analysis");
      assertEquals(
          AnalysisPlan.newBuilder().setPrimaryMetric("signups").build(), replaced.getAnalysis());

      Experiment cleared =
          update(replica, Experiment.newBuilder().setKey("checkout").build(), "analysis");
      assertFalse(cleared.hasAnalysis());
      assertEquals(List.of("control", "v1"), variationKeys(cleared), "nothing else changed");
    }
  }

  @Test
  void theRedisStoreKeepsThePlanForEveryReplica() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      try (AssignmentReplica writer =
          new AssignmentReplica(
              redis.closeLater(new RedisAssignmentStore(client, new ProtoStoreCodec())))) {
        create(writer, Protos.running("checkout", 0.5, 0.5).setAnalysis(PLAN));
      }
      try (AssignmentReplica reader =
          new AssignmentReplica(
              redis.closeLater(new RedisAssignmentStore(client, new ProtoStoreCodec())))) {
        assertEquals(PLAN, get(reader, "checkout").getAnalysis());
      }
    }
  }

  @Test
  void theDefinitionsFileCarriesThePlan() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("definitions.yaml"),
            """
            experiments:
              - key: checkout
                status: EXPERIMENT_STATUS_RUNNING
                variations: [{key: control}, {key: treatment}]
                analysis:
                  primaryMetric: checkout.conversion
                  guardrailMetrics: [latency_p50, errors]
                  secondaryMetrics: [revenue]
                  plannedUnits: 40000
                  alpha: 0.01
                  monitor:
                    stopOnGuardrailBreach: true
                    stopOnSuccess: true
                    rollOutWinner: true
                    alertOnSampleRatioMismatch: true
            """);

    InMemoryAssignmentStore store = new InMemoryAssignmentStore();
    AssignmentDomain.wire(store, new ReplicaState(), MutableClock.atSystemTime())
        .seeder()
        .seed(DefinitionsFile.read(file));

    try (AssignmentReplica replica = new AssignmentReplica(store)) {
      assertEquals(PLAN, get(replica, "checkout").getAnalysis());
    }
  }

  static Stream<Arguments> badPlans() {
    return Stream.<Arguments>of(
        bad("experiment.analysis.primary_metric", p -> p.setPrimaryMetric("no spaces")),
        bad("experiment.analysis.primary_metric", p -> p.setPrimaryMetric("x".repeat(129))),
        bad(
            "experiment.analysis.guardrail_metrics[2]",
            p -> p.addGuardrailMetrics("a").addGuardrailMetrics("b").addGuardrailMetrics("")),
        bad(
            "experiment.analysis.guardrail_metrics",
            p -> p.addAllGuardrailMetrics(numbered("g", 21))),
        bad(
            "experiment.analysis.secondary_metrics",
            p -> p.addAllSecondaryMetrics(numbered("s", 51))),
        bad(
            "experiment.analysis.guardrail_metrics[0]",
            p -> p.setPrimaryMetric("conversion").addGuardrailMetrics("conversion")),
        bad(
            "experiment.analysis.secondary_metrics[1]",
            p ->
                p.addGuardrailMetrics("errors")
                    .addSecondaryMetrics("a")
                    .addSecondaryMetrics("errors")),
        bad(
            "experiment.analysis.secondary_metrics[1]",
            p -> p.addSecondaryMetrics("a").addSecondaryMetrics("a")),
        bad("experiment.analysis.planned_units", p -> p.setPlannedUnits(-1)),
        bad("experiment.analysis.alpha", p -> p.setAlpha(0)),
        bad("experiment.analysis.alpha", p -> p.setAlpha(1)),
        bad("experiment.analysis.alpha", p -> p.setAlpha(Double.NaN)),
        bad("experiment.analysis.alpha", p -> p.setAlpha(Double.POSITIVE_INFINITY)),
        bad(
            "experiment.analysis.monitor.roll_out_winner",
            p -> p.setMonitor(MonitorPolicy.newBuilder().setRollOutWinner(true))));
  }

  @ParameterizedTest
  @MethodSource("badPlans")
  void aBadPlanIsRefusedNamingTheFieldAndNothingIsStored(
      String field, UnaryOperator<AnalysisPlan.Builder> plan) {
    try (AssignmentReplica replica = new AssignmentReplica(new InMemoryAssignmentStore())) {
      assertInvalid(
          () ->
              create(
                  replica,
                  Protos.running("checkout", 0.5, 0.5)
                      .setAnalysis(plan.apply(AnalysisPlan.newBuilder()))),
          field);
      create(replica, Protos.running("other", 0.5, 0.5));
      assertEquals(
          1,
          replica
              .definitions
              .listExperiments(ListExperimentsRequest.getDefaultInstance())
              .getExperimentsCount(),
          "the refused experiment was not stored");
    }
  }

  @Test
  void theLargestValidPlanIsAccepted() {
    try (AssignmentReplica replica = new AssignmentReplica(new InMemoryAssignmentStore())) {
      AnalysisPlan largest =
          AnalysisPlan.newBuilder()
              .setPrimaryMetric("p".repeat(128))
              .addAllGuardrailMetrics(numbered("g", 20))
              .addAllSecondaryMetrics(numbered("s", 50))
              .setAlpha(0.999)
              .build();

      assertEquals(
          largest,
          create(replica, Protos.running("checkout", 0.5, 0.5).setAnalysis(largest)).getAnalysis());
    }
  }

  @Test
  void aBadPlanInAnUpdateChangesNothing() {
    try (AssignmentReplica replica = new AssignmentReplica(new InMemoryAssignmentStore())) {
      Experiment before = create(replica, Protos.running("checkout", 0.5, 0.5).setAnalysis(PLAN));

      assertInvalid(
          () ->
              update(
                  replica,
                  Experiment.newBuilder()
                      .setKey("checkout")
                      .setAnalysis(PLAN.toBuilder().setPlannedUnits(-5))
                      .build(),
                  "analysis.planned_units"),
          "experiment.analysis.planned_units");
      assertEquals(before, get(replica, "checkout"));
    }
  }

  private static Arguments bad(String field, UnaryOperator<AnalysisPlan.Builder> plan) {
    return Arguments.of(field, plan);
  }

  private static List<String> numbered(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private static Experiment update(AssignmentReplica replica, Experiment experiment, String path) {
    return replica
        .definitions
        .updateExperiment(
            UpdateExperimentRequest.newBuilder()
                .setExperiment(experiment)
                .setUpdateMask(FieldMask.newBuilder().addPaths(path))
                .build())
        .getExperiment();
  }

  private static List<String> variationKeys(Experiment e) {
    return e.getVariationsList().stream().map(v -> v.getKey()).toList();
  }
}
