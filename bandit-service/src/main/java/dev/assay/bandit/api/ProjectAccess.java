package dev.assay.bandit.api;

import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The current caller's project limits (bandit key prefixes), checked at the edge before anything is
 * looked up, so a key outside them gets the same {@code PERMISSION_DENIED} whether the bandit
 * exists or not.
 */
final class ProjectAccess {
  private ProjectAccess() {}

  /** Refuses bandit {@code key}, named by request field {@code field}, outside the projects. */
  static void requireBandit(String key, String field) {
    RequestContext.currentCaller().requireAccess(key, field);
  }

  /**
   * Refuses rewards naming, or for decisions of, bandits outside the projects. Only an id whose
   * signature verifies is trusted to name its bandit ({@code banditOf}); any other id is left to
   * the recorder, which refuses it for everyone alike.
   *
   * @param field the repeated field holding the entries ({@code rewards}), or empty for a single
   *     {@code decision_id}
   * @param banditKey the request's optional {@code bandit_key}
   * @param banditOf the bandit a verified decision id was issued for
   */
  static void requireDecisions(
      List<String> decisionIds,
      String field,
      String banditKey,
      Function<String, Optional<String>> banditOf) {
    Caller caller = RequestContext.currentCaller();
    if (caller.projects().isEmpty()) {
      return; // every bandit is reachable: spare the hot path the verification
    }
    if (!banditKey.isEmpty()) {
      caller.requireAccess(banditKey, "bandit_key");
    }
    for (int i = 0; i < decisionIds.size(); i++) {
      String path = field.isEmpty() ? "decision_id" : field + "[" + i + "].decision_id";
      banditOf.apply(decisionIds.get(i)).ifPresent(key -> caller.requireAccess(key, path));
    }
  }
}
