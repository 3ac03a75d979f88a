package dev.assay.bandit.definition;

/**
 * A stored bandit before and after one write, for the audit trail.
 *
 * @param before the definition the write started from (and was conditioned on)
 * @param after the definition stored by the write
 */
public record BanditChange(BanditDefinition before, BanditDefinition after) {
  /** Whether the write changed the definition (archiving an archived bandit does not). */
  public boolean changed() {
    return !before.equals(after);
  }
}
