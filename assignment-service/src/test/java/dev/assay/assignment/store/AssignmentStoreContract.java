package dev.assay.assignment.store;

import static dev.assay.assignment.support.ExperimentBuilder.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagRule;
import dev.assay.assignment.definitions.FlagValueType;
import dev.assay.assignment.definitions.Range;
import dev.assay.assignment.definitions.RolloutStep;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every AssignmentStore must have; run against memory and the real Redis. */
abstract class AssignmentStoreContract {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  protected AssignmentStore store;

  protected abstract AssignmentStore newStore();

  protected void closeAll() {}

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    closeAll();
  }

  @Test
  void storesEveryFieldOfAnExperiment() {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("country", Map.of("$in", List.of("FR", "DE")));
    Experiment e =
        experiment("full")
            .variations(
                List.of(
                    new Variation("a", 0.25, Map.of("color", "red")),
                    new Variation("b", 0.75, 3.5)))
            .coverage(0.4)
            .hashAttribute("company_id")
            .seed("s1")
            .hashVersion(1)
            .condition(condition)
            .namespace("ns", 0.1, 0.6)
            .ranges(
                List.of(
                    List.of(new Range(0, 0.25)), List.of(new Range(0.25, 0.5), new Range(0.5, 1))))
            .rollout(List.of(new RolloutStep(T, 0.1), new RolloutStep(T.plusSeconds(60), 0.4)))
            .build();

    store.experiments().create(e);

    assertEquals(e, store.experiments().find("full").orElseThrow());
    assertEquals(List.of(e), store.experiments().loadAll());
  }

  @Test
  void rejectsADuplicateKeyAndKeepsTheFirst() {
    Experiment first = experiment("dup").coverage(0.5).build();
    store.experiments().create(first);

    assertThrows(
        AlreadyExistsException.class,
        () -> store.experiments().create(experiment("dup").coverage(0.9).build()));

    assertEquals(first, store.experiments().find("dup").orElseThrow());
  }

  @Test
  void replacesOnlyTheExpectedVersion() {
    store.experiments().create(experiment("v").version(1).build());
    Experiment second = experiment("v").coverage(0.5).version(2).build();

    store.experiments().replace(second, 1);
    assertThrows(
        AbortedException.class,
        () -> store.experiments().replace(experiment("v").coverage(0.1).version(2).build(), 1));
    assertThrows(
        NotFoundException.class,
        () -> store.experiments().replace(experiment("missing").build(), 1));

    assertEquals(second, store.experiments().find("v").orElseThrow());
  }

  @Test
  void storesFlagsWithEveryKindOfRule() {
    FeatureFlag flag =
        new FeatureFlag(
            "nav",
            "new navigation",
            FlagValueType.JSON,
            Map.of("v", 1.0),
            List.of(
                new FlagRule.Force("f", Map.of("staff", true), List.of(1.0, "x")),
                new FlagRule.Rollout("r", Map.of(), "on", 0.3, "device", "seed"),
                new FlagRule.ExperimentValues(
                    "e", Map.of(), "exp", java.util.Arrays.asList("a", null))),
            true,
            1,
            false,
            T);

    store.flags().create(flag);
    store.flags().replace(flag.withBookkeeping(2, true, T.plusSeconds(1)), 1);

    assertEquals(
        flag.withBookkeeping(2, true, T.plusSeconds(1)), store.flags().find("nav").orElseThrow());
    assertEquals(1, store.flags().loadAll().size());
  }

  @Test
  void writesListsAndDeletesOverrides() {
    OverrideTarget exp = OverrideTarget.experiment("e");
    OverrideTarget flag = OverrideTarget.flag("f");
    UnitOverride one =
        new UnitOverride(exp, "u1", "b", null, T.plusSeconds(3600), "qa", "alice", T);
    UnitOverride flagged = new UnitOverride(flag, "u2", null, true, null, "", "", T);
    List<UnitOverride> bulk = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      bulk.add(one.forUnit("bulk-" + i));
    }

    store.putOverrides(exp, List.of(one));
    store.putOverrides(exp, bulk);
    store.putOverrides(flag, List.of(flagged));

    assertEquals(one, store.findOverride(exp, "u1").orElseThrow());
    assertEquals(5001, store.loadOverrides(exp).size());
    assertEquals(5002, store.loadAllOverrides().size());
    assertTrue(store.deleteOverride(exp, "u1"));
    assertFalse(store.deleteOverride(exp, "u1"));
    assertTrue(store.findOverride(exp, "u1").isEmpty());
    assertEquals(flagged, store.findOverride(flag, "u2").orElseThrow());
  }

  @Test
  void aRestoreWritesBackWhatIsMissingOrOlderAndNothingNewerOrPresent() {
    OverrideTarget target = OverrideTarget.experiment("kept");
    store.experiments().create(experiment("kept").version(3).build());
    store.experiments().create(experiment("older").version(1).build());
    store.putOverrides(
        target, List.of(new UnitOverride(target, "u1", "control", null, null, "", "now", T)));

    long written =
        store.restore(
            List.of(
                experiment("kept").version(2).build(),
                experiment("older").version(4).build(),
                experiment("missing").version(7).build()),
            List.of(),
            Map.of(
                target,
                List.of(
                    new UnitOverride(target, "u1", "treatment", null, null, "", "held", T),
                    new UnitOverride(target, "u2", "treatment", null, null, "", "held", T))));

    assertEquals(3, written, "older, missing and u2");
    assertEquals(3, store.experiments().find("kept").orElseThrow().version());
    assertEquals(4, store.experiments().find("older").orElseThrow().version());
    assertEquals(7, store.experiments().find("missing").orElseThrow().version());
    assertEquals("now", store.findOverride(target, "u1").orElseThrow().setBy());
    assertEquals("held", store.findOverride(target, "u2").orElseThrow().setBy());
  }

  @Test
  void announcesEveryWrite() throws InterruptedException {
    LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    store.subscribe(changes::add);
    OverrideTarget target = OverrideTarget.experiment("x");

    store.experiments().create(experiment("x").build());
    store.putOverrides(
        target, List.of(new UnitOverride(target, "u|1", "control", null, null, "", "", T)));
    store.deleteOverride(target, "u|1");

    assertEquals(new Change(Change.Kind.EXPERIMENT, "x", null), changes.poll(1, TimeUnit.SECONDS));
    assertEquals(
        new Change(Change.Kind.EXPERIMENT_OVERRIDES, "x", "u|1"),
        changes.poll(1, TimeUnit.SECONDS));
    assertEquals(
        new Change(Change.Kind.EXPERIMENT_OVERRIDES, "x", "u|1"),
        changes.poll(1, TimeUnit.SECONDS));
  }
}
