package dev.assay.assignment.evaluation;

import static dev.assay.assignment.support.ExperimentBuilder.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagRule;
import dev.assay.assignment.definitions.FlagValueType;
import dev.assay.assignment.definitions.RolloutStep;
import dev.assay.assignment.hashing.GrowthBookHash;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.runtime.testing.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final ReplicaState state = new ReplicaState();
  private final MutableClock clock = new MutableClock(NOW);
  private final Evaluator evaluator = new Evaluator(state, state, clock);

  @Test
  void bucketsByTheGrowthBookHashOfSeedAndUnitId() {
    state.apply(experiment("checkout").weights(0.5, 0.5).build());

    for (int i = 0; i < 200; i++) {
      String unit = "user-" + i;
      Assignment a = assign("checkout", unit, Map.of());
      double bucket = GrowthBookHash.hash("checkout", unit, 2);
      assertEquals(bucket, a.bucket());
      assertEquals(bucket < 0.5 ? 0 : 1, a.variationIndex());
      assertEquals(Reason.BUCKET, a.reason());
      assertEquals(unit, a.hashValue());
    }
  }

  @Test
  void clusterRandomizationPutsEveryUnitOfACompanyInOneVariation() {
    state.apply(experiment("pricing").hashAttribute("company_id").build());

    int first = assign("pricing", "alice", Map.of("company_id", "acme")).variationIndex();
    for (int i = 0; i < 50; i++) {
      assertEquals(
          first, assign("pricing", "user-" + i, Map.of("company_id", "acme")).variationIndex());
    }
    assertEquals(Reason.MISSING_HASH_ATTRIBUTE, assign("pricing", "bob", Map.of()).reason());
  }

  @Test
  void unitsOutsideCoverageGetNoVariation() {
    state.apply(experiment("e").coverage(0.2).build());
    int outside = 0;
    for (int i = 0; i < 2000; i++) {
      Assignment a = assign("e", "u" + i, Map.of());
      if (a.reason() == Reason.OUTSIDE_COVERAGE) {
        outside++;
        assertFalse(a.isInExperiment());
      }
    }
    assertEquals(0.8, outside / 2000.0, 0.03);
  }

  @Test
  void namespacesKeepMutuallyExclusiveExperimentsApart() {
    state.apply(experiment("left").namespace("checkout", 0, 0.5).build());
    state.apply(experiment("right").namespace("checkout", 0.5, 1).build());

    for (int i = 0; i < 500; i++) {
      String unit = "u" + i;
      boolean inLeft = assign("left", unit, Map.of()).isInExperiment();
      boolean inRight = assign("right", unit, Map.of()).isInExperiment();
      assertTrue(inLeft != inRight, unit + " is in exactly one of the two");
    }
  }

  @Test
  void targetingExcludesUnitsWhoseAttributesDoNotMatch() {
    state.apply(experiment("fr-only").condition(Map.of("country", "FR")).build());

    assertTrue(assign("fr-only", "u1", Map.of("country", "FR")).isInExperiment());
    assertEquals(Reason.NOT_TARGETED, assign("fr-only", "u1", Map.of("country", "DE")).reason());
  }

  @Test
  void draftsDoNotAssignAndStoppedExperimentsRollOutTheirChosenVariation() {
    state.apply(experiment("draft").status(ExperimentStatus.DRAFT).build());
    state.apply(experiment("stopped").status(ExperimentStatus.STOPPED).build());
    state.apply(experiment("shipped").coverage(0.01).rolledOut(1).build());

    assertEquals(Reason.NOT_RUNNING, assign("draft", "u1", Map.of()).reason());
    assertEquals(Reason.NOT_RUNNING, assign("stopped", "u1", Map.of()).reason());
    for (int i = 0; i < 100; i++) {
      Assignment a = assign("shipped", "u" + i, Map.of());
      assertEquals(1, a.variationIndex());
      assertEquals(Reason.ROLLED_OUT, a.reason());
    }
  }

  @Test
  void anOverrideBeatsEveryRuleUntilItExpires() {
    state.apply(
        experiment("e").status(ExperimentStatus.DRAFT).condition(Map.of("country", "FR")).build());
    state.applyOverride(
        OverrideTarget.experiment("e"),
        "qa-1",
        new UnitOverride(
            OverrideTarget.experiment("e"),
            "qa-1",
            "treatment",
            null,
            NOW.plusSeconds(60),
            "qa",
            "me",
            NOW));

    Assignment forced = assign("e", "qa-1", Map.of("country", "DE"));
    assertEquals(1, forced.variationIndex());
    assertEquals(Reason.OVERRIDE, forced.reason());

    clock.set(NOW.plusSeconds(61));
    assertEquals(Reason.NOT_RUNNING, assign("e", "qa-1", Map.of()).reason());
  }

  @Test
  void gradualRolloutKeepsEveryUnitInWithTheSameVariationAtLaterSteps() {
    List<RolloutStep> steps =
        List.of(
            new RolloutStep(NOW, 0.01), new RolloutStep(NOW.plusSeconds(3600), 0.05),
            new RolloutStep(NOW.plusSeconds(7200), 0.25),
                new RolloutStep(NOW.plusSeconds(10800), 1.0));
    state.apply(experiment("ramp").weights(0.3, 0.7).rollout(steps).build());

    Map<String, Integer> firstSeen = new HashMap<>();
    int[] inAtStep = new int[steps.size()];
    clock.set(NOW.minusSeconds(1));
    assertEquals(Reason.OUTSIDE_COVERAGE, assign("ramp", "u1", Map.of()).reason());
    for (int step = 0; step < steps.size(); step++) {
      clock.set(steps.get(step).startTime().plusSeconds(1));
      for (int i = 0; i < 5000; i++) {
        String unit = "u" + i;
        Assignment a = assign("ramp", unit, Map.of());
        Integer earlier = firstSeen.get(unit);
        if (earlier != null) {
          assertEquals(earlier, a.variationIndex(), unit + " keeps its variation at step " + step);
        }
        if (a.isInExperiment()) {
          firstSeen.putIfAbsent(unit, a.variationIndex());
          inAtStep[step]++;
        }
      }
    }
    assertEquals(0.05, inAtStep[1] / 5000.0, 0.01);
    assertEquals(5000, inAtStep[3]);
  }

  @Test
  void evaluatesEveryLiveExperimentWhenNoKeysAreListedAndFlagsUnknownKeys() {
    state.apply(experiment("b").build());
    state.apply(experiment("a").build());
    state.apply(experiment("draft").status(ExperimentStatus.DRAFT).build());

    Evaluation all = evaluator.evaluate("u1", Map.of(), List.of(), List.of());
    assertEquals(
        List.of("a", "b"), all.assignments().stream().map(Assignment::experimentKey).toList());

    Evaluation unknown = evaluator.evaluate("u1", Map.of(), List.of("missing"), List.of("nope"));
    assertEquals(Reason.UNKNOWN_KEY, unknown.assignments().get(0).reason());
    assertEquals(Reason.UNKNOWN_KEY, unknown.flags().get(0).reason());
  }

  @Test
  void flagRulesApplyInOrderAndTheKillSwitchServesTheDefault() {
    Experiment e = experiment("layout").build();
    state.apply(e);
    state.apply(
        flag(
            "new-nav",
            false,
            List.of(
                new FlagRule.Force("staff", Map.of("staff", true), true),
                new FlagRule.ExperimentValues(
                    "exp", Map.of("country", "FR"), "layout", List.of(false, true)),
                new FlagRule.Rollout("ramp", Map.of(), true, 0.3, "", ""))));

    assertEquals(
        new FlagResult("new-nav", true, Reason.FORCED, "staff", null),
        flagFor("new-nav", "u1", Map.of("staff", true)));
    FlagResult viaExperiment = flagFor("new-nav", "u1", Map.of("country", "FR"));
    assertEquals(Reason.EXPERIMENT, viaExperiment.reason());
    assertEquals(viaExperiment.experiment().variationIndex() == 1, viaExperiment.value());

    int rolledOut = 0;
    for (int i = 0; i < 4000; i++) {
      FlagResult r = flagFor("new-nav", "u" + i, Map.of());
      if (r.reason() == Reason.ROLLOUT) {
        rolledOut++;
        assertEquals(true, r.value());
        assertTrue(GrowthBookHash.hash("new-nav", "u" + i, 2) <= 0.3);
      } else {
        assertEquals(Reason.DEFAULT, r.reason());
        assertEquals(false, r.value());
      }
    }
    assertEquals(0.3, rolledOut / 4000.0, 0.03);

    state.apply(
        new FeatureFlag(
            "new-nav",
            "",
            FlagValueType.BOOL,
            false,
            List.of(new FlagRule.Force("staff", Map.of(), true)),
            true,
            2,
            false,
            NOW));
    FlagResult killed = flagFor("new-nav", "u1", Map.of());
    assertEquals(Reason.KILLED, killed.reason());
    assertEquals(false, killed.value());
    assertNull(killed.ruleId());
  }

  private Assignment assign(String key, String unit, Map<String, Object> attributes) {
    Map<String, Object> withId = new HashMap<>(attributes);
    withId.putIfAbsent("id", unit);
    return evaluator.evaluate(unit, withId, List.of(key), List.of("none")).assignments().get(0);
  }

  private FlagResult flagFor(String key, String unit, Map<String, Object> attributes) {
    return evaluator.evaluate(unit, attributes, List.of("none"), List.of(key)).flags().get(0);
  }

  private static FeatureFlag flag(String key, Object defaultValue, List<FlagRule> rules) {
    return new FeatureFlag(key, "", FlagValueType.BOOL, defaultValue, rules, false, 1, false, NOW);
  }
}
