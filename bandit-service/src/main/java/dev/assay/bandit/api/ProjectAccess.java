package dev.assay.bandit.api;

import dev.assay.bandit.selection.DecisionToken;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import java.util.List;

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
   * Refuses rewards for decisions of bandits outside the projects. The id carries its bandit's key;
   * an id that cannot be decoded names no bandit and is left to the recorder, which answers {@code
   * NOT_FOUND} for it as for anyone.
   *
   * @param field the repeated field holding the entries ({@code rewards}), or empty for a single
   *     {@code decision_id}
   */
  static void requireDecisions(List<String> decisionIds, String field) {
    Caller caller = RequestContext.currentCaller();
    if (caller.projects().isEmpty()) {
      return; // every bandit is reachable: spare the hot path the decoding
    }
    for (int i = 0; i < decisionIds.size(); i++) {
      String path = field.isEmpty() ? "decision_id" : field + "[" + i + "].decision_id";
      DecisionToken.decode(decisionIds.get(i))
          .ifPresent(token -> caller.requireAccess(token.banditKey(), path));
    }
  }
}
