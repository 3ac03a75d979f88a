package dev.assay.bandit.decisionkeys;

import java.util.Optional;

/** Where a replica's decision keys come from, checked again at every poll. */
interface KeySource {
  /** The keys at start-up; a problem here stops start-up. */
  DecisionKeyRing initial();

  /**
   * New keys if the source changed since the last call and its new content is usable; empty
   * otherwise (including when it is broken: the problem is logged and {@code current} stays).
   */
  Optional<DecisionKeyRing> next(DecisionKeyRing current);

  /** How the keys are obtained, for the start-up log (never a secret). */
  String describe();
}
