package dev.assay.assignment.hostile;

import static dev.assay.assignment.hostile.HostileValues.attributes;
import static dev.assay.assignment.hostile.HostileValues.conditions;
import static dev.assay.assignment.hostile.HostileValues.doubles;
import static dev.assay.assignment.hostile.HostileValues.experimentKeys;
import static dev.assay.assignment.hostile.HostileValues.flagKeys;
import static dev.assay.assignment.hostile.HostileValues.fractions;
import static dev.assay.assignment.hostile.HostileValues.ints;
import static dev.assay.assignment.hostile.HostileValues.longs;
import static dev.assay.assignment.hostile.HostileValues.masks;
import static dev.assay.assignment.hostile.HostileValues.pageTokens;
import static dev.assay.assignment.hostile.HostileValues.strings;
import static dev.assay.assignment.hostile.HostileValues.timestamps;
import static dev.assay.assignment.hostile.HostileValues.unitIdLists;
import static dev.assay.assignment.hostile.HostileValues.unitIds;
import static dev.assay.assignment.hostile.HostileValues.values;

import com.google.protobuf.Message;
import dev.assay.assignment.v1.AnalysisPlan;
import dev.assay.assignment.v1.ArchiveExperimentRequest;
import dev.assay.assignment.v1.ArchiveFeatureFlagRequest;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.BatchSetOverridesRequest;
import dev.assay.assignment.v1.BucketRange;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.DeleteOverrideRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentRule;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.FlagRule;
import dev.assay.assignment.v1.FlagValueType;
import dev.assay.assignment.v1.ForceValue;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.GetFeatureFlagRequest;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListFeatureFlagsRequest;
import dev.assay.assignment.v1.ListOverridesRequest;
import dev.assay.assignment.v1.Namespace;
import dev.assay.assignment.v1.Override;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.PercentageRollout;
import dev.assay.assignment.v1.PreviewExperimentChangeRequest;
import dev.assay.assignment.v1.RecordExposuresRequest;
import dev.assay.assignment.v1.RolloutStep;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.StreamEvaluateRequest;
import dev.assay.assignment.v1.StreamEvaluateResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.assignment.v1.Variation;
import dev.assay.assignment.v1.VariationRanges;
import dev.assay.runtime.testing.Gen;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A generator for every request message of every assignment RPC. Definitions and overrides start
 * valid and get up to three hostile mutations, one field each, so every check is reached and some
 * writes succeed.
 */
final class HostileRequests {
  static final List<String> EXPERIMENT_FIELDS =
      List.of(
          "name",
          "variations",
          "coverage",
          "hash_attribute",
          "seed",
          "hash_version",
          "condition",
          "namespace",
          "status",
          "rolled_out_variation",
          "bucket_ranges",
          "rollout",
          "analysis",
          "analysis.guardrail_metrics",
          "analysis.alpha");
  static final List<String> FLAG_FIELDS =
      List.of("description", "value_type", "default_value", "rules", "killed");

  /** One hostile change to an experiment being built. */
  private interface ExperimentEdit {
    void apply(Experiment.Builder experiment);
  }

  /** One hostile change to a flag being built. */
  private interface FlagEdit {
    void apply(FeatureFlag.Builder flag);
  }

  /** One hostile change to an override being built. */
  private interface OverrideEdit {
    void apply(Override.Builder override);
  }

  private HostileRequests() {}

  /** Every RPC, about equally often. */
  static Gen<HostileCall> calls() {
    return Gen.oneOf(
        List.of(
            experiments()
                .map(
                    e ->
                        write(
                            "CreateExperiment",
                            CreateExperimentRequest.newBuilder().setExperiment(e).build(),
                            (r, q) -> r.definitions.createExperiment(q))),
            Gen.combine(
                experiments(),
                masks(EXPERIMENT_FIELDS),
                longs(),
                (e, m, v) ->
                    write(
                        "UpdateExperiment",
                        UpdateExperimentRequest.newBuilder()
                            .setExperiment(e)
                            .setUpdateMask(m)
                            .setExpectedVersion(v)
                            .build(),
                        (r, q) -> r.definitions.updateExperiment(q))),
            Gen.combine(
                experiments(),
                masks(EXPERIMENT_FIELDS),
                unitIdLists(),
                (e, m, u) ->
                    read(
                        "PreviewExperimentChange",
                        PreviewExperimentChangeRequest.newBuilder()
                            .setExperiment(e)
                            .setUpdateMask(m)
                            .addAllSampleUnitIds(u)
                            .build(),
                        (r, q) -> r.definitions.previewExperimentChange(q))),
            experimentKeys()
                .map(
                    k ->
                        read(
                            "GetExperiment",
                            GetExperimentRequest.newBuilder().setKey(k).build(),
                            (r, q) -> r.definitions.getExperiment(q))),
            Gen.combine(
                ints(),
                pageTokens(),
                Gen.of(true, false),
                (size, token, archived) ->
                    read(
                        "ListExperiments",
                        ListExperimentsRequest.newBuilder()
                            .setPageSize(size)
                            .setPageToken(token)
                            .setShowArchived(archived)
                            .build(),
                        (r, q) -> r.definitions.listExperiments(q))),
            experimentKeys()
                .map(
                    k ->
                        write(
                            "ArchiveExperiment",
                            ArchiveExperimentRequest.newBuilder().setKey(k).build(),
                            (r, q) -> r.definitions.archiveExperiment(q))),
            flags()
                .map(
                    f ->
                        write(
                            "CreateFeatureFlag",
                            CreateFeatureFlagRequest.newBuilder().setFlag(f).build(),
                            (r, q) -> r.definitions.createFeatureFlag(q))),
            Gen.combine(
                flags(),
                masks(FLAG_FIELDS),
                longs(),
                (f, m, v) ->
                    write(
                        "UpdateFeatureFlag",
                        UpdateFeatureFlagRequest.newBuilder()
                            .setFlag(f)
                            .setUpdateMask(m)
                            .setExpectedVersion(v)
                            .build(),
                        (r, q) -> r.definitions.updateFeatureFlag(q))),
            flagKeys()
                .map(
                    k ->
                        read(
                            "GetFeatureFlag",
                            GetFeatureFlagRequest.newBuilder().setKey(k).build(),
                            (r, q) -> r.definitions.getFeatureFlag(q))),
            Gen.combine(
                ints(),
                pageTokens(),
                Gen.of(true, false),
                (size, token, archived) ->
                    read(
                        "ListFeatureFlags",
                        ListFeatureFlagsRequest.newBuilder()
                            .setPageSize(size)
                            .setPageToken(token)
                            .setShowArchived(archived)
                            .build(),
                        (r, q) -> r.definitions.listFeatureFlags(q))),
            flagKeys()
                .map(
                    k ->
                        write(
                            "ArchiveFeatureFlag",
                            ArchiveFeatureFlagRequest.newBuilder().setKey(k).build(),
                            (r, q) -> r.definitions.archiveFeatureFlag(q))),
            overrides()
                .map(
                    o ->
                        write(
                            "SetOverride",
                            SetOverrideRequest.newBuilder().setOverride(o).build(),
                            (r, q) -> r.overrides.setOverride(q))),
            Gen.combine(
                overrides(),
                unitIdLists(),
                (o, u) ->
                    write(
                        "BatchSetOverrides",
                        BatchSetOverridesRequest.newBuilder()
                            .setTemplate(o)
                            .addAllUnitIds(u)
                            .build(),
                        (r, q) -> r.overrides.batchSetOverrides(q))),
            Gen.combine(
                targets(),
                unitIds(),
                (t, u) ->
                    write(
                        "DeleteOverride",
                        DeleteOverrideRequest.newBuilder().setTarget(t).setUnitId(u).build(),
                        (r, q) -> r.overrides.deleteOverride(q))),
            Gen.combine(
                targets(),
                ints(),
                pageTokens(),
                (t, size, token) ->
                    read(
                        "ListOverrides",
                        ListOverridesRequest.newBuilder()
                            .setTarget(t)
                            .setPageSize(size)
                            .setPageToken(token)
                            .build(),
                        (r, q) -> r.overrides.listOverrides(q))),
            evaluations().map(e -> read("Evaluate", e, (r, q) -> r.evaluation.evaluate(q))),
            Gen.oneOf(
                    evaluations().list(0, 3),
                    Gen.constant(
                        Collections.nCopies(
                            1_001, EvaluateRequest.newBuilder().setUnitId("u1").build())),
                    Gen.constant(List.<EvaluateRequest>of()))
                .map(
                    list ->
                        read(
                            "BatchEvaluate",
                            BatchEvaluateRequest.newBuilder().addAllRequests(list).build(),
                            (r, q) -> r.evaluation.batchEvaluate(q))),
            evaluations().list(1, 3).map(HostileRequests::stream),
            Gen.combine(
                unitIds(),
                attributes(),
                Gen.oneOf(
                    Gen.constant(List.<String>of()),
                    experimentKeys().list(1, 3),
                    Gen.constant(Collections.nCopies(1_001, "e0"))),
                (unit, unitAttributes, keys) ->
                    read(
                        "RecordExposures",
                        RecordExposuresRequest.newBuilder()
                            .setUnitId(unit)
                            .setAttributes(unitAttributes)
                            .addAllExperimentKeys(keys)
                            .build(),
                        (r, q) -> r.evaluation.recordExposures(q)))));
  }

  /** A valid experiment with up to three hostile mutations. */
  static Gen<Experiment> experiments() {
    Gen<Experiment.Builder> valid =
        Gen.combine(
            experimentKeys(),
            Gen.of(
                ExperimentStatus.EXPERIMENT_STATUS_RUNNING,
                ExperimentStatus.EXPERIMENT_STATUS_DRAFT),
            (key, status) ->
                Experiment.newBuilder()
                    .setKey(key)
                    .setStatus(status)
                    .addVariations(Variation.newBuilder().setKey("control").setWeight(0.5))
                    .addVariations(Variation.newBuilder().setKey("v1").setWeight(0.5)));
    return Gen.combine(
        valid,
        experimentMutations().list(0, 3),
        (e, mutations) -> {
          mutations.forEach(m -> m.apply(e));
          return e.build();
        });
  }

  private static Gen<ExperimentEdit> experimentMutations() {
    return Gen.oneOf(
        List.of(
            strings().map(s -> (ExperimentEdit) e -> e.setName(s)),
            Gen.combine(
                strings(),
                doubles(),
                values(),
                (k, w, p) ->
                    (ExperimentEdit)
                        e ->
                            e.addVariations(
                                Variation.newBuilder().setKey(k).setWeight(w).setPayload(p))),
            values()
                .map(
                    p ->
                        (ExperimentEdit)
                            e -> e.setVariations(0, e.getVariations(0).toBuilder().setPayload(p))),
            fractions()
                .map(
                    w ->
                        (ExperimentEdit)
                            e -> e.setVariations(1, e.getVariations(1).toBuilder().setWeight(w))),
            Gen.of(101, 1_000)
                .map(
                    n ->
                        (ExperimentEdit)
                            e ->
                                e.clearVariations()
                                    .addAllVariations(
                                        IntStream.range(0, n)
                                            .mapToObj(
                                                i -> Variation.newBuilder().setKey("v" + i).build())
                                            .toList())),
            fractions().map(c -> (ExperimentEdit) e -> e.setCoverage(c)),
            strings().map(s -> (ExperimentEdit) e -> e.setHashAttribute(s)),
            strings().map(s -> (ExperimentEdit) e -> e.setSeed(s)),
            ints().map(v -> (ExperimentEdit) e -> e.setHashVersion(v)),
            conditions().map(c -> (ExperimentEdit) e -> e.setCondition(c)),
            Gen.combine(
                strings(),
                doubles(),
                doubles(),
                (id, start, end) ->
                    (ExperimentEdit)
                        e ->
                            e.setNamespace(
                                Namespace.newBuilder().setId(id).setStart(start).setEnd(end))),
            ints().map(s -> (ExperimentEdit) e -> e.setStatusValue(s)),
            ints().map(v -> (ExperimentEdit) e -> e.setRolledOutVariation(v)),
            Gen.combine(
                doubles(),
                doubles(),
                Gen.of(1, 2, 3, 2_000),
                (start, end, n) ->
                    (ExperimentEdit)
                        e -> {
                          for (int i = 0; i < 2; i++) {
                            VariationRanges.Builder ranges = VariationRanges.newBuilder();
                            for (int j = 0; j < n; j++) {
                              ranges.addRanges(
                                  BucketRange.newBuilder().setStart(start).setEnd(end));
                            }
                            e.addBucketRanges(ranges);
                          }
                        }),
            Gen.combine(
                timestamps(),
                fractions(),
                Gen.of(1, 2, 101),
                (t, c, n) ->
                    (ExperimentEdit)
                        e -> {
                          for (int i = 0; i < n; i++) {
                            e.addRollout(
                                RolloutStep.newBuilder()
                                    .setStartTime(t.toBuilder().setSeconds(t.getSeconds() + i))
                                    .setCoverage(c));
                          }
                        }),
            timestamps().map(t -> (ExperimentEdit) e -> e.setUpdateTime(t)),
            Gen.combine(
                strings(),
                doubles(),
                Gen.of(0, 1, 21, 51),
                (metric, alpha, n) ->
                    (ExperimentEdit)
                        e -> {
                          AnalysisPlan.Builder plan =
                              AnalysisPlan.newBuilder()
                                  .setPrimaryMetric(metric)
                                  .setAlpha(alpha)
                                  .setPlannedUnits(n - 1);
                          for (int i = 0; i < n; i++) {
                            plan.addGuardrailMetrics("g" + i)
                                .addSecondaryMetrics(i % 2 == 0 ? metric : "s" + i);
                          }
                          plan.getMonitorBuilder().setRollOutWinner(n % 2 == 1);
                          e.setAnalysis(plan);
                        })));
  }

  /** A valid JSON flag with up to three hostile mutations. */
  static Gen<FeatureFlag> flags() {
    Gen<FeatureFlag.Builder> valid =
        flagKeys()
            .map(
                key ->
                    FeatureFlag.newBuilder()
                        .setKey(key)
                        .setValueType(FlagValueType.FLAG_VALUE_TYPE_JSON)
                        .setDefaultValue(HostileValues.number(1)));
    return Gen.combine(
        valid,
        flagMutations().list(0, 3),
        (f, mutations) -> {
          mutations.forEach(m -> m.apply(f));
          return f.build();
        });
  }

  private static Gen<FlagEdit> flagMutations() {
    return Gen.oneOf(
        List.of(
            strings().map(s -> (FlagEdit) f -> f.setDescription(s)),
            ints().map(t -> (FlagEdit) f -> f.setValueTypeValue(t)),
            values().map(v -> (FlagEdit) f -> f.setDefaultValue(v)),
            Gen.combine(
                strings(),
                conditions(),
                values(),
                (id, c, v) ->
                    (FlagEdit)
                        f ->
                            f.addRules(
                                FlagRule.newBuilder()
                                    .setId(id)
                                    .setCondition(c)
                                    .setForce(ForceValue.newBuilder().setValue(v)))),
            rolloutRules(),
            Gen.combine(
                experimentKeys(),
                values().list(0, 3),
                conditions(),
                (k, vs, c) ->
                    (FlagEdit)
                        f ->
                            f.addRules(
                                FlagRule.newBuilder()
                                    .setCondition(c)
                                    .setExperiment(
                                        ExperimentRule.newBuilder()
                                            .setExperimentKey(k)
                                            .addAllVariationValues(vs)))),
            Gen.of(101, 1_000)
                .map(
                    n ->
                        (FlagEdit)
                            f ->
                                f.addAllRules(
                                    Collections.nCopies(
                                        n,
                                        FlagRule.newBuilder()
                                            .setForce(
                                                ForceValue.newBuilder()
                                                    .setValue(HostileValues.number(1)))
                                            .build()))),
            Gen.constant((FlagEdit) f -> f.addRules(FlagRule.getDefaultInstance())),
            Gen.of(true, false).map(k -> (FlagEdit) f -> f.setKilled(k)),
            timestamps().map(t -> (FlagEdit) f -> f.setUpdateTime(t))));
  }

  /** A percentage-rollout rule with hostile value, coverage, hash attribute and seed. */
  private static Gen<FlagEdit> rolloutRules() {
    Gen<com.google.protobuf.Value> values = values();
    Gen<Double> coverages = fractions();
    Gen<String> texts = strings();
    return random -> {
      PercentageRollout rollout =
          PercentageRollout.newBuilder()
              .setValue(values.next(random))
              .setCoverage(coverages.next(random))
              .setHashAttribute(texts.next(random))
              .setSeed(texts.next(random))
              .build();
      return f -> f.addRules(FlagRule.newBuilder().setRollout(rollout));
    };
  }

  static Gen<OverrideTarget> targets() {
    return Gen.oneOf(
        experimentKeys().map(k -> OverrideTarget.newBuilder().setExperimentKey(k).build()),
        flagKeys().map(k -> OverrideTarget.newBuilder().setFlagKey(k).build()),
        Gen.constant(OverrideTarget.getDefaultInstance()));
  }

  /** Overrides of the suite's definitions, often valid, with hostile fields. */
  static Gen<Override> overrides() {
    Gen<Override.Builder> outcome =
        Gen.oneOf(
            Gen.of(HostileValues.EXPERIMENT_KEYS)
                .map(
                    k ->
                        Override.newBuilder()
                            .setTarget(OverrideTarget.newBuilder().setExperimentKey(k))
                            .setVariationKey("v1")),
            Gen.combine(
                Gen.of(HostileValues.FLAG_KEYS),
                values(),
                (k, v) ->
                    Override.newBuilder()
                        .setTarget(OverrideTarget.newBuilder().setFlagKey(k))
                        .setFlagValue(v)),
            Gen.combine(
                targets(),
                strings(),
                (t, variation) -> Override.newBuilder().setTarget(t).setVariationKey(variation)));
    Gen<OverrideEdit> mutation =
        Gen.oneOf(
            List.of(
                unitIds().map(u -> (OverrideEdit) o -> o.setUnitId(u)),
                timestamps().map(t -> (OverrideEdit) o -> o.setExpireTime(t)),
                timestamps().map(t -> (OverrideEdit) o -> o.setCreateTime(t)),
                strings().map(s -> (OverrideEdit) o -> o.setReason(s)),
                strings().map(s -> (OverrideEdit) o -> o.setSetBy(s)),
                values().map(v -> (OverrideEdit) o -> o.setFlagValue(v))));
    return Gen.combine(
        outcome,
        unitIds(),
        mutation.list(0, 3),
        (o, unit, mutations) -> {
          o.setUnitId(unit);
          mutations.forEach(m -> m.apply(o));
          return o.build();
        });
  }

  static Gen<EvaluateRequest> evaluations() {
    Gen<List<String>> keys =
        Gen.oneOf(
            Gen.constant(List.<String>of()),
            Gen.oneOf(experimentKeys(), flagKeys()).list(0, 3),
            Gen.constant(Collections.nCopies(1_001, "e0")));
    Gen<String> units = unitIds();
    Gen<com.google.protobuf.Struct> unitAttributes = attributes();
    return random ->
        EvaluateRequest.newBuilder()
            .setUnitId(units.next(random))
            .setAttributes(unitAttributes.next(random))
            .addAllExperimentKeys(keys.next(random))
            .addAllFlagKeys(keys.next(random))
            .build();
  }

  private static <Q extends Message> HostileCall write(
      String rpc,
      Q request,
      java.util.function.BiFunction<
              dev.assay.assignment.support.AssignmentReplica, Q, ? extends Message>
          send) {
    return new HostileCall(rpc, true, request, replica -> List.of(send.apply(replica, request)));
  }

  private static <Q extends Message> HostileCall read(
      String rpc,
      Q request,
      java.util.function.BiFunction<
              dev.assay.assignment.support.AssignmentReplica, Q, ? extends Message>
          send) {
    return new HostileCall(rpc, false, request, replica -> List.of(send.apply(replica, request)));
  }

  /** StreamEvaluate with these items; every item is answered, then the stream completes. */
  private static HostileCall stream(List<EvaluateRequest> items) {
    BatchEvaluateRequest shown = BatchEvaluateRequest.newBuilder().addAllRequests(items).build();
    return new HostileCall(
        "StreamEvaluate",
        false,
        shown,
        replica -> {
          CompletableFuture<List<StreamEvaluateResponse>> done = new CompletableFuture<>();
          List<StreamEvaluateResponse> answers = Collections.synchronizedList(new ArrayList<>());
          StreamObserver<StreamEvaluateRequest> requests =
              replica.asyncEvaluation.streamEvaluate(
                  new StreamObserver<>() {
                    @java.lang.Override
                    public void onNext(StreamEvaluateResponse value) {
                      answers.add(value);
                    }

                    @java.lang.Override
                    public void onError(Throwable t) {
                      done.completeExceptionally(t);
                    }

                    @java.lang.Override
                    public void onCompleted() {
                      done.complete(List.copyOf(answers));
                    }
                  });
          items.forEach(
              i -> requests.onNext(StreamEvaluateRequest.newBuilder().setRequest(i).build()));
          requests.onCompleted();
          try {
            List<StreamEvaluateResponse> all = done.get(10, TimeUnit.SECONDS);
            if (all.size() != items.size()) {
              throw new AssertionError(items.size() + " items but " + all.size() + " answers");
            }
            return all;
          } catch (java.util.concurrent.ExecutionException e) {
            throw (RuntimeException) e.getCause();
          } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("stream did not complete", e);
          }
        });
  }
}
