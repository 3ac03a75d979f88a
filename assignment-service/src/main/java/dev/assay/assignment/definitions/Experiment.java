package dev.assay.assignment.definitions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An experiment definition as stored. Immutable; edits produce a new instance with a higher
 * version.
 *
 * @param key unique key, also the default seed
 * @param name human-readable name
 * @param variations at least two
 * @param coverage share of eligible units in the experiment, in [0, 1]
 * @param hashAttribute attribute hashed for bucketing; empty means the unit id
 * @param seed hashing seed; empty means the key
 * @param hashVersion GrowthBook hash version, 1 or 2
 * @param condition targeting condition as JSON (empty map matches everyone)
 * @param namespace mutual-exclusion slice, or null
 * @param status lifecycle state
 * @param rolledOutVariation when stopped: the variation served to everyone targeted, or -1
 * @param explicitRanges per-variation full-coverage ranges, or empty to derive them from weights
 * @param rollout gradual-rollout steps in time order, possibly empty
 * @param version incremented on every write
 * @param archived archived experiments are never evaluated
 * @param updateTime time of the last write
 * @param analysis how the analysis service measures and monitors it ({@link AnalysisPlan#NONE} when
 *     unset); evaluation ignores it
 */
public record Experiment(
    String key,
    String name,
    List<Variation> variations,
    double coverage,
    String hashAttribute,
    String seed,
    int hashVersion,
    Map<String, Object> condition,
    @Nullable NamespaceSlice namespace,
    ExperimentStatus status,
    int rolledOutVariation,
    List<List<Range>> explicitRanges,
    List<RolloutStep> rollout,
    long version,
    boolean archived,
    Instant updateTime,
    AnalysisPlan analysis)
    implements Definition<Experiment> {

  public Experiment {
    variations = List.copyOf(variations);
    explicitRanges = explicitRanges.stream().map(List::copyOf).toList();
    rollout = List.copyOf(rollout);
  }

  /** The seed actually used for hashing. */
  public String effectiveSeed() {
    return seed.isEmpty() ? key : seed;
  }

  /** The variation weights, in order. */
  public double[] weights() {
    double[] weights = new double[variations.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = variations.get(i).weight();
    }
    return weights;
  }

  /** The variation keys, in order. */
  public List<String> variationKeys() {
    return variations.stream().map(Variation::key).toList();
  }

  @Override
  public Experiment withBookkeeping(long newVersion, boolean isArchived, Instant time) {
    return copy(variations, explicitRanges, newVersion, isArchived, time);
  }

  /** A copy with explicit ranges. */
  public Experiment withExplicitRanges(List<List<Range>> ranges) {
    return copy(variations, ranges, version, archived, updateTime);
  }

  /**
   * Itself, or, when every variation's weight is 0 (the contract's "unset"), a copy with equal
   * weights.
   */
  public Experiment withDefaultWeights() {
    if (variations.isEmpty() || variations.stream().anyMatch(v -> v.weight() != 0)) {
      return this;
    }
    double equal = 1.0 / variations.size();
    List<Variation> weighted =
        variations.stream().map(v -> new Variation(v.key(), equal, v.payload())).toList();
    return copy(weighted, explicitRanges, version, archived, updateTime);
  }

  private Experiment copy(
      List<Variation> newVariations,
      List<List<Range>> newRanges,
      long newVersion,
      boolean isArchived,
      Instant time) {
    return new Experiment(
        key,
        name,
        newVariations,
        coverage,
        hashAttribute,
        seed,
        hashVersion,
        condition,
        namespace,
        status,
        rolledOutVariation,
        newRanges,
        rollout,
        newVersion,
        isArchived,
        time,
        analysis);
  }
}
