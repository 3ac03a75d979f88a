package dev.assay.assignment.definitions;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A feature flag definition as stored.
 *
 * @param key unique key
 * @param description free text
 * @param valueType the type of every value
 * @param defaultValue served when no rule applies (null only for JSON flags)
 * @param rules tried in order
 * @param killed kill switch: serve the default to everyone (overrides still apply)
 * @param version incremented on every write
 * @param archived archived flags are never evaluated
 * @param updateTime time of the last write
 */
public record FeatureFlag(
    String key,
    String description,
    FlagValueType valueType,
    @Nullable Object defaultValue,
    List<FlagRule> rules,
    boolean killed,
    long version,
    boolean archived,
    Instant updateTime)
    implements Definition<FeatureFlag> {

  public FeatureFlag {
    rules = List.copyOf(rules);
  }

  @Override
  public FeatureFlag withBookkeeping(long newVersion, boolean isArchived, Instant time) {
    return new FeatureFlag(
        key, description, valueType, defaultValue, rules, killed, newVersion, isArchived, time);
  }
}
