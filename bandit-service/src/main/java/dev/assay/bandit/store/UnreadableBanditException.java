package dev.assay.bandit.store;

/**
 * Thrown when one bandit's stored form cannot be read (see {@link UnreadableBandit}). It is a fault
 * of the stored data, not of the request, so it maps to {@code INTERNAL} with an error id; the
 * snapshot refresh instead sets such a bandit aside and carries on with the others.
 */
public final class UnreadableBanditException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient UnreadableBandit bandit;

  /** The failure for {@code bandit}. */
  public UnreadableBanditException(UnreadableBandit bandit) {
    super("stored state of bandit '" + bandit.key() + "' cannot be read: " + bandit.reason());
    this.bandit = bandit;
  }

  /** Which bandit, and why. */
  public UnreadableBandit bandit() {
    return bandit;
  }
}
