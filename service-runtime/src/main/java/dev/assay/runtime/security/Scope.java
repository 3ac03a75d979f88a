package dev.assay.runtime.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a token may do. Each RPC requires one scope (see each service's scope table and
 * docs/security.md); a write scope includes the matching read scope, and {@link #ADMIN} includes
 * every scope.
 */
public enum Scope {
  /** Evaluate experiments and flags for a unit. */
  EVALUATE("evaluate"),
  /** Read experiment definitions and preview changes. */
  EXPERIMENTS_READ("experiments:read"),
  /** Create, update and archive experiments. */
  EXPERIMENTS_WRITE("experiments:write", EXPERIMENTS_READ),
  /** Read feature flags. */
  FLAGS_READ("flags:read"),
  /** Create, update and archive feature flags. */
  FLAGS_WRITE("flags:write", FLAGS_READ),
  /** List per-unit overrides. */
  OVERRIDES_READ("overrides:read"),
  /** Set and delete per-unit overrides. */
  OVERRIDES_WRITE("overrides:write", OVERRIDES_READ),
  /** Ask a bandit which arm to serve. */
  BANDIT_SELECT("bandit:select"),
  /** Report rewards for decisions. */
  BANDIT_REWARD("bandit:reward"),
  /** Read bandit definitions and posteriors, and run off-policy evaluations. */
  BANDIT_READ("bandit:read"),
  /** Create, update, reset and delete bandits. */
  BANDIT_ADMIN("bandit:admin", BANDIT_READ),
  /** The statistics of the analysis service. */
  ANALYSIS("analysis"),
  /** Live experiment results, time series and the monitor's actions (the experiment loop). */
  RESULTS("results"),
  /** Read metric definitions. */
  METRICS_READ("metrics:read"),
  /** Create and update metric definitions. */
  METRICS_WRITE("metrics:write", METRICS_READ),
  /** Record outcome events. */
  OUTCOMES_WRITE("outcomes:write"),
  /** Send exposures to the analysis service (the assignment service's own token). */
  EXPOSURES_WRITE("exposures:write"),
  /** Export raw exposures and outcome events (for a warehouse). */
  EVENTS_READ("events:read"),
  /** Read and export the audit trail. */
  AUDIT_READ("audit:read"),
  /** Create, list and revoke tokens (never with more than the creator holds). */
  TOKENS_ADMIN("tokens:admin"),
  /** Everything above. */
  ADMIN("admin");

  private static final Map<String, Scope> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Scope::wireName, Function.identity()));

  private final String wireName;

  @SuppressWarnings("ImmutableEnumChecker") // Set.of: immutable, which the checker cannot see
  private final Set<Scope> implied;

  Scope(String wireName, Scope... implied) {
    this.wireName = wireName;
    this.implied = implied.length == 0 ? Set.of() : Set.of(implied);
  }

  /** The name tokens and docs use, for example {@code experiments:write}. */
  public String wireName() {
    return wireName;
  }

  /** The scope with this wire name, if there is one. */
  public static Optional<Scope> fromWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every scope {@code granted} holds, including those it implies. */
  public static Set<Scope> expand(Set<Scope> granted) {
    if (granted.contains(ADMIN)) {
      return EnumSet.allOf(Scope.class);
    }
    EnumSet<Scope> all = EnumSet.noneOf(Scope.class);
    for (Scope scope : granted) {
      all.add(scope);
      all.addAll(scope.implied);
    }
    return all;
  }
}
