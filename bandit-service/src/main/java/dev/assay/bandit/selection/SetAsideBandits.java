package dev.assay.bandit.selection;

import dev.assay.runtime.log.EventLog;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bandits a replica has set aside because their stored state cannot be used (unreadable, or a
 * snapshot that cannot be built from it), each with the reason. It logs a bandit when it is set
 * aside or its reason changes, and when it is usable again: once per change, not once per refresh.
 */
final class SetAsideBandits {
  private final String what;
  private final Map<String, String> reasons = new ConcurrentHashMap<>();

  /** A register whose log lines say {@code what} is affected (e.g. {@code snapshot}). */
  SetAsideBandits(String what) {
    this.what = what;
  }

  /**
   * Sets bandit {@code key} aside for {@code reason} (compared to decide whether this is a change;
   * keep it free of values that vary between attempts), logging {@code detail} with it.
   */
  void setAside(String key, String reason, String detail, boolean servingLastGood) {
    String previous = reasons.put(key, reason);
    if (!reason.equals(previous)) {
      EventLog.warn(
          "bandit.set_aside",
          "bandit",
          key,
          "what",
          what,
          "reason",
          reason,
          "detail",
          detail.length() > 300 ? detail.substring(0, 300) + "..." : detail,
          "effect",
          servingLastGood
              ? "this replica keeps serving the bandit's last good snapshot"
              : "this replica cannot serve the bandit until its stored state is fixed");
    }
  }

  /** Bandit {@code key} is usable again. */
  void release(String key) {
    if (reasons.remove(key) != null) {
      EventLog.info("bandit.usable_again", "bandit", key, "what", what);
    }
  }

  /** Forgets bandits that are no longer in {@code present} (without logging). */
  void retainOnly(Set<String> present) {
    reasons.keySet().retainAll(present);
  }

  /** Whether bandit {@code key} is set aside. */
  boolean contains(String key) {
    return reasons.containsKey(key);
  }
}
